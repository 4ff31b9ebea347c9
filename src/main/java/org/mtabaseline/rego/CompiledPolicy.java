package org.mtabaseline.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Module;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.compile.Compiler;
import org.mtabaseline.rego.compile.CompiledQuery;
import org.mtabaseline.rego.compile.Program;
import org.mtabaseline.rego.eval.SingleTerms;
import org.mtabaseline.rego.parser.Parser;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** Compiled modules and base data: immutable and thread-safe; prepare queries against it. */
public final class CompiledPolicy {
    private final Program program;
    private final List<RegoAnnotation> annotations;
    /** The syntax queries are parsed with (that of the modules). */
    private final RegoVersion regoVersion;
    /** Computed at the first prepare; immutable, so a race only computes it twice. */
    private volatile SingleTerms singleTerms;

    CompiledPolicy(Program program, RegoVersion regoVersion) {
        this.program = program;
        this.regoVersion = regoVersion;
        this.annotations = List.copyOf(collectAnnotations(program.modules()));
    }

    /** Compiles a query (e.g. {@code data.mta.controls} or {@code x := data.a[_]}); throws RegoCompileException. */
    public PreparedQuery prepare(String query) {
        List<Expr> body = Parser.parseQuery(query, regoVersion);
        boolean bare = false;
        if (body.size() == 1 && body.get(0).withs().isEmpty() && !body.get(0).negated()
                && body.get(0).kind() instanceof Expr.TermExpr te
                && (te.term() instanceof Term.Ref || te.term() instanceof Term.Var)) {
            Term t = te.term();
            body = List.of(body.get(0).withKind(new Expr.Unify(new Term.Var(PreparedQuery.RESULT_VAR, t.loc()), t)));
            bare = true;
        }
        CompiledQuery q = new Compiler(program.builtins()).compileQuery(body, program);
        SingleTerms st = singleTerms;
        if (st == null) {
            st = SingleTerms.of(program);
            singleTerms = st;
        }
        return new PreparedQuery(program, st, q, bare);
    }

    /** The parsed modules (read-only). */
    List<Module> modulesView() {
        return program.modules();
    }

    /** All METADATA annotations, in module order. */
    public List<RegoAnnotation> annotations() {
        return annotations;
    }

    /** Paths of test rules ({@code data.pkg.test_x}), sorted, as {@code opa test} discovers them. */
    public List<String> testRules() {
        TreeSet<String> out = new TreeSet<>();
        for (Module m : program.modules()) {
            for (Rule r : m.rules()) {
                if (r.name().startsWith("test_") && !r.isFunction() && r.head().size() == 1) {
                    out.add("data." + String.join(".", m.packagePath()) + "." + r.name());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Runs one test rule: passes when defined and not false. */
    public RegoTestResult runTest(String path) {
        return runTest(path, EvalOptions.defaults());
    }

    public RegoTestResult runTest(String path, EvalOptions options) {
        List<String> output = new ArrayList<>();
        long start = System.nanoTime();
        try {
            QueryResult r = prepare(path).eval(null, options.withPrint(output::add));
            Value v = r.regoValue();
            boolean passed = v != null && !v.equals(BooleanValue.FALSE);
            return new RegoTestResult(path, passed, null, Duration.ofNanos(System.nanoTime() - start), output);
        } catch (RegoEvalException e) {
            return new RegoTestResult(path, false, e.error(), Duration.ofNanos(System.nanoTime() - start), output);
        }
    }

    private static List<RegoAnnotation> collectAnnotations(List<Module> modules) {
        List<RegoAnnotation> out = new ArrayList<>();
        for (Module m : modules) {
            String pkg = "data." + String.join(".", m.packagePath());
            for (Module.Annotation a : m.annotations()) {
                JsonNode y = a.yaml();
                Rule r = a.rule();
                String scope = a.scope();
                String path = pkg;
                if (r != null && !scope.equals("package") && !scope.equals("subpackages")) {
                    StringBuilder sb = new StringBuilder(pkg).append('.').append(r.name());
                    for (int i = 1; i < r.head().size(); i++) {
                        if (r.head().get(i) instanceof Term.Scalar s && s.value() instanceof StringValue str) {
                            sb.append('.').append(str.value());
                        } else {
                            break;
                        }
                    }
                    path = sb.toString();
                }
                List<JsonNode> related = new ArrayList<>();
                y.path("related_resources").forEach(n -> related.add(n));
                List<JsonNode> authors = new ArrayList<>();
                y.path("authors").forEach(n -> authors.add(n));
                List<String> orgs = new ArrayList<>();
                y.path("organizations").forEach(n -> orgs.add(n.asText()));
                out.add(new RegoAnnotation(scope, path, y.hasNonNull("title") ? y.get("title").asText() : null,
                        y.hasNonNull("description") ? y.get("description").asText() : null,
                        y.get("custom"), List.copyOf(related), List.copyOf(authors), List.copyOf(orgs),
                        y.path("entrypoint").asBoolean(false), y.get("schemas"), a.loc().file(), a.loc().row(),
                        a.loc().col()));
            }
        }
        return out;
    }
}
