package org.mtabaseline.rego.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/** {@code units.parse} (SI and IEC, "m" is milli) and {@code units.parse_bytes} (case-insensitive, integral bytes). */
public final class UnitsBuiltins {
    private static final int MAX_EXPONENT_DIGITS = 6;

    private UnitsBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("units.parse", 1, (ctx, a) -> {
            String s = Args.string(a, 0).replace("\"", "");
            if (s.contains(" ")) {
                throw BuiltinException.error("spaces not allowed in resource strings");
            }
            String[] nu = split(s);
            if (nu[0].isEmpty()) {
                throw BuiltinException.error("no amount provided");
            }
            String unit = nu[1];
            if (unit.length() > 1) {
                unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
            }
            BigDecimal factor = switch (unit) {
                case "m" -> new BigDecimal("0.001");
                case "" -> BigDecimal.ONE;
                case "k", "K" -> pow(1000, 1);
                case "ki", "Ki" -> pow(1024, 1);
                case "M" -> pow(1000, 2);
                case "mi", "Mi" -> pow(1024, 2);
                case "g", "G" -> pow(1000, 3);
                case "gi", "Gi" -> pow(1024, 3);
                case "t", "T" -> pow(1000, 4);
                case "ti", "Ti" -> pow(1024, 4);
                case "p", "P" -> pow(1000, 5);
                case "pi", "Pi" -> pow(1024, 5);
                case "e", "E" -> pow(1000, 6);
                case "ei", "Ei" -> pow(1024, 6);
                default -> throw BuiltinException.error("unit " + unit + " not recognized");
            };
            BigDecimal value = number(nu[0], "could not parse amount to a number").multiply(factor);
            if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
                return NumberBuiltins.num(value.setScale(0, RoundingMode.UNNECESSARY));
            }
            return NumberBuiltins.num(value.setScale(10, RoundingMode.HALF_UP));
        });
        r.register("units.parse_bytes", 1, (ctx, a) -> {
            String s = Args.string(a, 0).toLowerCase(Locale.ROOT).replace("\"", "");
            if (s.contains(" ")) {
                throw BuiltinException.error("spaces not allowed in resource strings");
            }
            String[] nu = split(s);
            if (nu[0].isEmpty()) {
                throw BuiltinException.error("no byte amount provided");
            }
            BigDecimal factor = switch (nu[1]) {
                case "" -> BigDecimal.ONE;
                case "kb", "k" -> pow(1000, 1);
                case "kib", "ki" -> pow(1024, 1);
                case "mb", "m" -> pow(1000, 2);
                case "mib", "mi" -> pow(1024, 2);
                case "gb", "g" -> pow(1000, 3);
                case "gib", "gi" -> pow(1024, 3);
                case "tb", "t" -> pow(1000, 4);
                case "tib", "ti" -> pow(1024, 4);
                case "pb", "p" -> pow(1000, 5);
                case "pib", "pi" -> pow(1024, 5);
                case "eb", "e" -> pow(1000, 6);
                case "eib", "ei" -> pow(1024, 6);
                default -> throw BuiltinException.error("byte unit " + nu[1] + " not recognized");
            };
            BigDecimal value = number(nu[0], "could not parse byte amount to a number").multiply(factor);
            return org.mtabaseline.rego.value.NumberValue.of(value.setScale(0, RoundingMode.DOWN).toBigInteger());
        });
    }

    private static BigDecimal pow(int base, int exp) {
        return new BigDecimal(BigInteger.valueOf(base).pow(exp));
    }

    private static BigDecimal number(String s, String error) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw BuiltinException.error(error);
        }
    }

    /** OPA's extractNumAndUnit: the numeric prefix (digits, '.', exponent) and the unit rest. */
    static String[] split(String s) {
        int firstNonNum = -1;
        for (int idx = 0; idx < s.length(); idx++) {
            char r = s.charAt(idx);
            boolean isNum = (r >= '0' && r <= '9') || r == '.';
            if (!isNum && r != 'e' && r != 'E' && r != '+' && r != '-') {
                firstNonNum = idx;
                break;
            }
            if (r == 'e' || r == 'E') {
                if (idx == s.length() - 1 || !(Character.isDigit(s.charAt(idx + 1)) || s.charAt(idx + 1) == '+'
                        || s.charAt(idx + 1) == '-')) {
                    firstNonNum = idx;
                    break;
                }
                if (s.charAt(idx + 1) == '+' || s.charAt(idx + 1) == '-') {
                    idx++;
                }
                int start = idx + 1;
                int end = start;
                while (end < s.length() && Character.isDigit(s.charAt(end))) {
                    end++;
                }
                if (end - start > MAX_EXPONENT_DIGITS) {
                    throw BuiltinException.error("exponent too large");
                }
            }
        }
        if (firstNonNum == -1) {
            return new String[]{s, ""};
        }
        return new String[]{s.substring(0, firstNonNum), s.substring(firstNonNum)};
    }
}
