package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.builtins.support.IpNet;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** {@code net.cidr_*} with Go's net package semantics (see {@link IpNet}). */
public final class NetBuiltins {
    /** cidr_expand refuses networks with more addresses than this rather than exhausting memory. */
    private static final long MAX_EXPAND = 1L << 24;

    private NetBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("net.cidr_contains", 2, (ctx, a) -> contains(Args.string(a, 0), Args.string(a, 1)));
        r.register("net.cidr_overlap", 2, (ctx, a) -> contains(Args.string(a, 0), Args.string(a, 1)));
        r.register("net.cidr_intersects", 2, (ctx, a) -> {
            String x = Args.string(a, 0);
            String y = Args.string(a, 1);
            return guard(() -> BooleanValue.of(IpNet.cidrIntersects(x, y)));
        });
        r.register("net.cidr_is_valid", 1, (ctx, a) -> {
            if (!(a.get(0) instanceof StringValue s)) {
                return BooleanValue.FALSE;
            }
            try {
                IpNet.parseCidr(s.value());
                return BooleanValue.TRUE;
            } catch (IllegalArgumentException e) {
                return BooleanValue.FALSE;
            }
        });
        r.register("net.cidr_expand", 1, (ctx, a) -> {
            String cidr = Args.string(a, 0);
            return guard(() -> {
                List<Value> out = new ArrayList<>();
                for (String ip : IpNet.cidrExpand(cidr, MAX_EXPAND)) {
                    out.add(StringValue.of(ip));
                }
                return SetValue.of(out);
            });
        });
        r.register("net.cidr_merge", 1, (ctx, a) -> {
            Value v = a.get(0);
            List<Value> elems;
            if (v instanceof ArrayValue arr) {
                elems = arr.list();
            } else if (v instanceof SetValue set) {
                elems = set.list();
            } else {
                throw Args.mustBeOneOf(0, v, "array", "set");
            }
            List<String> texts = new ArrayList<>();
            for (Value e : elems) {
                if (!(e instanceof StringValue s)) {
                    throw BuiltinException.error("element must be string");
                }
                texts.add(s.value());
            }
            return guard(() -> {
                List<Value> out = new ArrayList<>();
                for (IpNet n : IpNet.merge(texts)) {
                    out.add(StringValue.of(n.toString()));
                }
                return SetValue.of(out);
            });
        });
        r.register("net.lookup_ip_addr", 1, (ctx, a) -> {
            String name = Args.string(a, 0);
            byte[] literal = IpNet.parseIp(name);
            if (literal != null) {
                return SetValue.of(StringValue.of(IpNet.formatIp(literal)));
            }
            try {
                List<Value> out = new ArrayList<>();
                for (java.net.InetAddress addr : java.net.InetAddress.getAllByName(name)) {
                    out.add(StringValue.of(IpNet.formatIp(addr.getAddress())));
                }
                return SetValue.of(out);
            } catch (java.net.UnknownHostException e) {
                throw BuiltinException.error("lookup " + name + ": no such host");
            }
        });
        r.register("net.cidr_contains_matches", 2, (ctx, a) -> {
            List<Value[]> left = matchOperand(a.get(0), 1);
            List<Value[]> right = matchOperand(a.get(1), 2);
            List<Value> out = new ArrayList<>();
            for (Value[] l : left) {
                for (Value[] rr : right) {
                    Value c = contains(((StringValue) l[0]).value(), ((StringValue) rr[0]).value());
                    if (BooleanValue.TRUE.equals(c)) {
                        out.add(ArrayValue.of(l[1], rr[1]));
                    }
                }
            }
            return SetValue.of(out);
        });
    }

    private static Value contains(String cidr, String cidrOrIp) {
        return guard(() -> BooleanValue.of(IpNet.cidrContains(cidr, cidrOrIp)));
    }

    private interface Body {
        Value get();
    }

    private static Value guard(Body body) {
        try {
            return body.get();
        } catch (IllegalArgumentException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    /** Pairs (cidr string, index/key) of a cidr_contains_matches operand. */
    private static List<Value[]> matchOperand(Value v, int operand) {
        List<Value[]> out = new ArrayList<>();
        if (v instanceof StringValue) {
            out.add(new Value[]{v, v});
        } else if (v instanceof ArrayValue arr) {
            for (int i = 0; i < arr.size(); i++) {
                out.add(new Value[]{cidrOf(arr.get(i), operand), org.mtabaseline.rego.value.NumberValue.of(i)});
            }
        } else if (v instanceof SetValue set) {
            for (Value e : set.list()) {
                out.add(new Value[]{cidrOf(e, operand), e});
            }
        } else if (v instanceof ObjectValue obj) {
            for (int i = 0; i < obj.size(); i++) {
                out.add(new Value[]{cidrOf(obj.valueAt(i), operand), obj.keyAt(i)});
            }
        } else {
            throw Args.mustBeOneOf(operand - 1, v, "string", "array", "set", "object");
        }
        return out;
    }

    private static Value cidrOf(Value v, int operand) {
        if (v instanceof StringValue) {
            return v;
        }
        if (v instanceof ArrayValue arr && arr.size() > 0 && arr.get(0) instanceof StringValue) {
            return arr.get(0);
        }
        throw BuiltinException.error("operand " + operand + ": element must be string or non-empty array");
    }
}
