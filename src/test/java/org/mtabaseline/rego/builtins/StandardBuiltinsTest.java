package org.mtabaseline.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** Calls builtins through the standard registry, as the evaluator does, and pins OPA's results and error texts. */
class StandardBuiltinsTest {
    private static final BuiltinContext CTX = BuiltinContext.simple();

    private static Value call(String name, Value... args) {
        BuiltinFunction f = BuiltinRegistry.standard().get(name);
        assertTrue(f != null, "registered: " + name);
        return f.impl().call(CTX, List.of(args));
    }

    private static BuiltinException error(String name, Value... args) {
        return assertThrows(BuiltinException.class, () -> call(name, args));
    }

    private static StringValue s(String v) {
        return StringValue.of(v);
    }

    private static NumberValue n(String v) {
        return NumberValue.parse(v);
    }

    @Test
    void everyFamilyOfTheIssueIsRegistered() {
        for (String name : List.of("count", "sum", "product", "max", "min", "sort", "plus", "minus", "mul", "div",
                "rem", "abs", "ceil", "floor", "round", "numbers.range", "numbers.range_step", "bits.and", "concat",
                "strings.replace_n", "sprintf", "format_int", "regex.template_match", "regex.globs_match",
                "glob.match", "glob.quote_meta", "net.cidr_merge", "net.cidr_contains_matches", "object.union_n",
                "object.subset", "json.patch", "array.slice", "union", "intersection", "or", "and", "is_set",
                "type_name", "to_number", "json.marshal_with_options", "yaml.unmarshal", "base64url.decode",
                "hex.decode", "urlquery.decode_object", "units.parse_bytes", "time.add_date", "time.diff",
                "semver.compare", "crypto.hmac.sha256", "crypto.hmac.equal", "uuid.rfc4122", "uuid.parse", "walk")) {
            assertTrue(BuiltinRegistry.standard().contains(name), name);
        }
    }

    @Test
    void typeErrorsUseOpaWording() {
        BuiltinException e = error("count", n("5"));
        assertEquals(BuiltinException.TYPE_ERROR, e.code());
        assertEquals("operand 1 must be one of {array, object, set, string} but got number", e.getMessage());
        assertEquals("operand 1 must be array of numbers but got array containing string",
                error("sum", ArrayValue.of(n("1"), s("x"))).getMessage());
        assertEquals("operand 2 must be set but got number", error("minus", SetValue.of(n("1")), n("1")).getMessage());
        assertEquals("operand 1 must be integer number but got floating-point number",
                error("numbers.range", n("3.14"), n("4")).getMessage());
    }

    @Test
    void arithmeticIsExactBeyondLong() {
        assertEquals(n("18446744073709551618"), call("plus", n("18446744073709551617"), n("1")));
        assertEquals(n("3.5"), call("plus", n("1"), n("2.5")));
        assertEquals(n("0.5"), call("div", n("1"), n("2")));
        assertEquals("divide by zero", error("div", n("1"), n("0")).getMessage());
        assertEquals("modulo on floating-point number", error("rem", n("1.1"), n("1")).getMessage());
        assertEquals(n("10"), call("rem", n("10"), n("18446744073709551616")));
        assertEquals(n("-2"), call("floor", n("-1.001")));
        assertEquals(n("1"), call("round", n("0.5")));
        assertEquals(ArrayValue.of(n("10"), n("8"), n("6"), n("4")),
                call("numbers.range_step", n("10"), n("3"), n("2")));
    }

    @Test
    void sprintfFormatsRegoValuesAsOpa() {
        assertEquals(s("hi [\"there\", 5, 3.14]"),
                call("sprintf", s("hi %v"), ArrayValue.of(ArrayValue.of(s("there"), n("5"), n("3.14")))));
        assertEquals(s("123456789123456789123"), call("sprintf", s("%s"), ArrayValue.of(n("123456789123456789123"))));
        assertEquals(s("hi true"), call("sprintf", s("hi %s"), ArrayValue.of(BooleanValue.TRUE)));
    }

    @Test
    void stringsCountCodePoints() {
        assertEquals(n("3"), call("count", s("åäö")));
        assertEquals(s("äö"), call("substring", s("aåäö"), n("2"), n("-1")));
        assertEquals(n("4"), call("indexof", s("🍧🍨🧁🍰🍮"), s("🍮")));
        assertEquals("negative offset", error("substring", s("aaa"), n("-1"), n("-1")).getMessage());
        assertEquals(s("xoobar"), call("strings.replace_n", ObjectValue.of(java.util.Map.of("f", s("x"), "foo", s("xxx"))),
                s("foobar")));
        assertEquals(s("oo.ba"), call("trim", s("...foo.bar..."), s(".fr")));
    }

    @Test
    void objectsMergeFilterAndPatch() {
        ObjectValue a = ObjectValue.of(java.util.Map.of("a", ObjectValue.of(java.util.Map.of("b", n("1"))), "e", n("1")));
        ObjectValue b = ObjectValue.of(java.util.Map.of("a", ObjectValue.of(java.util.Map.of("c", n("2")))));
        assertEquals(ObjectValue.of(java.util.Map.of("a", ObjectValue.of(java.util.Map.of("b", n("1"), "c", n("2"))),
                "e", n("1"))), call("object.union", a, b));
        assertEquals(ObjectValue.of(java.util.Map.of("a", ObjectValue.of(java.util.Map.of("b", n("1"))))),
                call("json.filter", a, SetValue.of(s("a/b"))));
        Value patched = call("json.patch", ArrayValue.of(s("foo"), s("sil")),
                ArrayValue.of(ObjectValue.of(java.util.Map.of("op", s("add"), "path", s("/1"), "value", s("bar")))));
        assertEquals(ArrayValue.of(s("foo"), s("bar"), s("sil")), patched);
        assertNull(call("json.patch", ArrayValue.of(s("foo")),
                ArrayValue.of(ObjectValue.of(java.util.Map.of("op", s("add"), "path", s("/3"), "value", s("x"))))),
                "an inapplicable patch is undefined");
        assertEquals(BooleanValue.TRUE, call("object.subset", ArrayValue.of(n("1"), n("2"), n("3")),
                ArrayValue.of(n("2"), n("3"))));
    }

    @Test
    void encodingRoundTripsAndGoErrors() {
        assertEquals(s("hello"), call("base64url.decode", s("aGVsbG8")));
        assertEquals("encoding/hex: invalid byte: U+0067 'g'", error("hex.decode", s("fghijkl")).getMessage());
        assertEquals(s("a%3Db%2B1"), call("urlquery.encode", s("a=b+1")));
        assertEquals(s("[\n  1,\n  2\n]"), call("json.marshal_with_options", ArrayValue.of(n("1"), n("2")),
                ObjectValue.of(java.util.Map.of("indent", s("  ")))));
        assertEquals(ArrayValue.of(ObjectValue.of(java.util.Map.of("foo", ArrayValue.of(n("1"), n("2"))))),
                call("yaml.unmarshal", call("yaml.marshal", ArrayValue.of(ObjectValue.of(
                        java.util.Map.of("foo", SetValue.of(n("1"), n("2"))))))));
        assertTrue(error("yaml.unmarshal", s("[1,2,3")).getMessage().startsWith("yaml: line 1: did not find"));
    }

    @Test
    void unitsAndSemver() {
        assertEquals(n("1126"), call("units.parse_bytes", s("1.1KiB")));
        assertEquals(n("0.5"), call("units.parse", s("500m")));
        assertEquals(n("109951162777600"), call("units.parse", s("\"100TI\"")));
        assertEquals("spaces not allowed in resource strings", error("units.parse", s("100 k")).getMessage());
        assertEquals(n("-1"), call("semver.compare", s("1.0.0-alpha"), s("1.0.0")));
        assertEquals("operand 1: string \"1\" is not a valid SemVer",
                error("semver.compare", s("1"), s("1.0.0")).getMessage());
    }

    @Test
    void timeUsesZonesAndInt64Range() {
        assertEquals(ArrayValue.of(n("2018"), n("2"), n("4")),
                call("time.date", ArrayValue.of(n("1517814000000000000"), s("America/Los_Angeles"))));
        assertEquals(s("Monday"), call("time.weekday", n("1517832000000000000")));
        assertEquals("timestamp too big", error("time.clock", n("1582977600000000000000")).getMessage());
        assertEquals("time outside of valid range", error("time.add_date", n("0"), n("2262"), n("1"), n("1")).getMessage());
    }

    @Test
    void uuidsAreStablePerQueryAndParseVersionFields() {
        BuiltinContext ctx = BuiltinContext.simple();
        BuiltinFunction f = BuiltinRegistry.standard().get("uuid.rfc4122");
        Value first = f.impl().call(ctx, List.of(s("key")));
        assertEquals(first, f.impl().call(ctx, List.of(s("key"))));
        assertTrue(((StringValue) first).value().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        ObjectValue v2 = (ObjectValue) call("uuid.parse", s("000003e8-48b9-21ee-b200-325096b39f47"));
        assertEquals(n("1693566990121469600"), v2.get("time"));
        assertEquals(s("Person"), v2.get("domain"));
        assertEquals(s("32-50-96-b3-9f-47"), v2.get("nodeid"));
        assertNull(call("uuid.parse", s("not-a-uuid")));
    }

    @Test
    void walkYieldsPathValuePairsPreOrder() {
        ArrayValue pairs = (ArrayValue) call("walk", ArrayValue.of(n("1"), ObjectValue.of(java.util.Map.of("a", NullValue.NULL))));
        assertEquals(4, pairs.size());
        assertEquals(ArrayValue.of(ArrayValue.of(n("1"), s("a")), NullValue.NULL), pairs.get(3));
    }
}
