package org.mtabaseline.rego.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueOrderTest {

    @Test
    void typesOrderAsOpaOrdersThem() {
        List<Value> ordered = List.of(NullValue.NULL, BooleanValue.FALSE, BooleanValue.TRUE, NumberValue.of(-1),
                NumberValue.of(2), StringValue.of("a"), ArrayValue.of(NumberValue.ONE), ObjectValue.EMPTY,
                SetValue.of(NumberValue.ONE));
        for (int i = 0; i + 1 < ordered.size(); i++) {
            assertTrue(ordered.get(i).compareTo(ordered.get(i + 1)) < 0, ordered.get(i) + " < " + ordered.get(i + 1));
        }
    }

    @Test
    void integerAndDecimalOfSameValueAreEqualAndHashAlike() {
        NumberValue one = NumberValue.of(1);
        NumberValue oneDotZero = NumberValue.of(new BigDecimal("1.0"));
        assertEquals(one, oneDotZero);
        assertEquals(one.hashCode(), oneDotZero.hashCode());
        assertTrue(SetValue.of(one).contains(oneDotZero));
    }

    @Test
    void integersBeyondTwoToThe53StayExact() throws Exception {
        JsonNode n = new ObjectMapper().readTree("[9007199254740993, 123456789012345678901234567890]");
        Value v = Json.fromJson(n);
        assertEquals("[9007199254740993, 123456789012345678901234567890]", v.toString());
        assertEquals(n, Json.toJson(v));
    }

    @Test
    void setsBecomeArraysAndNonStringKeysBecomeJsonText() {
        Value o = ObjectValue.builder().put(NumberValue.of(1), SetValue.of(StringValue.of("b"), StringValue.of("a"))).build();
        assertEquals("{\"1\":[\"a\",\"b\"]}", Json.toJson(o).toString());
    }
}
