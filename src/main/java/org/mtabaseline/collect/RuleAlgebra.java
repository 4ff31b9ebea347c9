package org.mtabaseline.collect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Combines first-match rule lists that must ALL permit a request (Postfix client/helo/sender/relay/recipient lists)
 * into one first-match list. Intersections over-approximate (never narrower than the truth), so a combined list
 * can overstate who may relay but never understate it.
 */
public final class RuleAlgebra {
    public static final int MAX_RULES = 2000;

    private RuleAlgebra() {
    }

    /** A list of rules with its name (for the implicit end-of-list permit). */
    public record NamedList(String name, List<RelayRule> rules) {
    }

    /**
     * @return the combined rules; a request no rule decides is permitted (end of every list).
     */
    public static List<RelayRule> allMustPermit(List<NamedList> lists, FactsBuilder facts, Source at) {
        List<RelayRule> out = new ArrayList<>();
        combine(lists, 0, null, out);
        if (out.size() > MAX_RULES) {
            facts.warning("combined relay rule list truncated at " + MAX_RULES + " rules", at, null);
            return new ArrayList<>(out.subList(0, MAX_RULES));
        }
        return out;
    }

    private static void combine(List<NamedList> lists, int i, RelayRule ctx, List<RelayRule> out) {
        if (out.size() > MAX_RULES) {
            return;
        }
        if (i == lists.size()) {
            if (ctx != null) {
                out.add(new RelayRule(ctx.client(), ctx.authenticated(), ctx.recipient(), ctx.except(),
                        RelayRule.Action.PERMIT, ctx.condition(), ctx.attackerControlled(), ctx.unresolved(),
                        ctx.setting(), ctx.source(), ctx.text()));
            }
            return;
        }
        for (RelayRule r : lists.get(i).rules()) {
            Optional<RelayRule> m = meet(ctx, r);
            if (m.isEmpty()) {
                continue;
            }
            RelayRule c = m.get();
            if (c.action() == RelayRule.Action.PERMIT) {
                combine(lists, i + 1, c, out);
            } else if (c.action() != RelayRule.Action.CONTINUE || ctx == null) {
                out.add(c); // continue rules inside a narrowed context decide nothing and are left out
            }
            if (c.action() != RelayRule.Action.CONTINUE && covers(c, ctx)) {
                return; // the rest of this list is unreachable within ctx
            }
        }
        combine(lists, i + 1, ctx, out);
    }

    /** True when rule r fires for every request that ctx admits (no narrowing condition). */
    private static boolean covers(RelayRule r, RelayRule ctx) {
        if (ctx == null) {
            return r.client().any() && r.authenticated() == null && r.recipient().kind() == Recipients.Kind.ANY
                    && r.except() == null && r.condition() == null;
        }
        return Objects.equals(r.client(), ctx.client()) && Objects.equals(r.authenticated(), ctx.authenticated())
                && Objects.equals(r.recipient(), ctx.recipient()) && Objects.equals(r.except(), ctx.except())
                && Objects.equals(r.condition(), ctx.condition());
    }

    /** Drops rules identical in every condition and action to an earlier one (they can never be reached). */
    public static List<RelayRule> distinct(List<RelayRule> rules) {
        List<RelayRule> out = new ArrayList<>();
        Set<List<Object>> seen = new java.util.HashSet<>();
        for (RelayRule r : rules) {
            List<Object> key = java.util.Arrays.asList(r.client(), r.authenticated(), r.recipient(), r.except(),
                    r.action(), r.condition());
            if (seen.add(key)) {
                out.add(r);
            }
        }
        return out;
    }

    /** ctx AND r, carrying r's action, text and source; empty when no request can satisfy both. */
    public static Optional<RelayRule> meet(RelayRule ctx, RelayRule r) {
        if (ctx == null) {
            return Optional.of(r);
        }
        Clients client = meetClients(ctx.client(), r.client());
        if (client == null) {
            return Optional.empty();
        }
        Boolean auth;
        if (ctx.authenticated() == null) {
            auth = r.authenticated();
        } else if (r.authenticated() == null || r.authenticated().equals(ctx.authenticated())) {
            auth = ctx.authenticated();
        } else {
            return Optional.empty();
        }
        Recipients rcpt = meetRecipients(ctx.recipient(), r.recipient());
        if (rcpt == null) {
            return Optional.empty();
        }
        Recipients except = unionExcept(ctx.except(), r.except());
        if (except != null && except.kind() == Recipients.Kind.LOCAL && rcpt.kind() == Recipients.Kind.LOCAL) {
            return Optional.empty();
        }
        String cond = ctx.condition() == null ? r.condition()
                : r.condition() == null ? ctx.condition() : ctx.condition() + " and " + r.condition();
        Boolean attacker = ctx.condition() == null ? r.attackerControlled()
                : r.condition() == null ? ctx.attackerControlled()
                : Boolean.valueOf(Boolean.TRUE.equals(ctx.attackerControlled()) && Boolean.TRUE.equals(r.attackerControlled()));
        // A context opened by an unsupplied table under a condition the attacker picks (sender, HELO) is judged
        // per attacker choice, assuming the table said OK; a later reject under that assumption is certain.
        // Only the permits of such a context stay uncertain: they are the possible relay.
        boolean ctxAssumed = ctx.unresolved() && ctx.condition() != null && Boolean.TRUE.equals(ctx.attackerControlled())
                && ctx.client().patterns().stream().noneMatch(c -> c.startsWith("unresolved:"))
                && ctx.recipient().domains().stream().noneMatch(d -> d.startsWith("unresolved:"));
        boolean unresolved = r.unresolved() || ctx.unresolved() && (r.action() == RelayRule.Action.PERMIT || !ctxAssumed);
        return Optional.of(new RelayRule(client, auth, rcpt, except, r.action(), cond, attacker,
                unresolved, r.setting(), r.source(), r.text()));
    }

    static Clients meetClients(Clients a, Clients b) {
        if (a.any()) {
            return b;
        }
        if (b.any()) {
            return a;
        }
        if (a.equals(b)) {
            return a;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String x : a.patterns()) {
            for (String y : b.patterns()) {
                if (x.equals(y)) {
                    out.add(x);
                    continue;
                }
                var cx = Cidr.parse(x);
                var cy = Cidr.parse(y);
                if (cx.isPresent() && cy.isPresent()) {
                    if (cx.get().contains(cy.get())) {
                        out.add(y);
                    } else if (cy.get().contains(cx.get())) {
                        out.add(x);
                    }
                } else if (cx.isPresent()) {
                    out.add(x); // y symbolic: the intersection is at most x
                } else {
                    out.add(y);
                }
            }
        }
        return out.isEmpty() ? null : Clients.of(List.copyOf(out));
    }

    static Recipients meetRecipients(Recipients a, Recipients b) {
        if (a.kind() == Recipients.Kind.ANY) {
            return b;
        }
        if (b.kind() == Recipients.Kind.ANY) {
            return a;
        }
        if (a.kind() == Recipients.Kind.LOCAL) {
            return b;
        }
        if (b.kind() == Recipients.Kind.LOCAL) {
            return a;
        }
        Set<String> out = new LinkedHashSet<>();
        boolean symbolic = a.domains().stream().anyMatch(d -> d.contains(":"))
                || b.domains().stream().anyMatch(d -> d.contains(":"));
        for (String x : a.domains()) {
            if (b.domains().contains(x) || symbolic) {
                out.add(x);
            }
        }
        if (symbolic) {
            out.addAll(b.domains());
        }
        return out.isEmpty() ? null : Recipients.of(List.copyOf(out));
    }

    static Recipients unionExcept(Recipients a, Recipients b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.kind() == Recipients.Kind.LOCAL || b.kind() == Recipients.Kind.LOCAL) {
            return Recipients.LOCAL;
        }
        Set<String> out = new LinkedHashSet<>(a.domains());
        out.addAll(b.domains());
        return Recipients.of(List.copyOf(out));
    }
}
