package dev.cinnabar.commands.sets;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encoding rules of sets: what an intset may hold and when it becomes a hashtable (never back). */
class SetValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void intsetHoldsCanonicalIntegersInNumericOrder() {
        SetValue s = SetValue.createFor(b("10"));
        for (String m : new String[] {"10", "-3", "9223372036854775807", "-9223372036854775808", "0", "7"}) {
            s.add(b(m), 512);
        }
        assertEquals("intset", s.encoding());
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            order.append(new String(s.memberAt(i), StandardCharsets.US_ASCII)).append(' ');
        }
        assertEquals("-9223372036854775808 -3 0 7 10 9223372036854775807 ", order.toString());
        assertTrue(s.contains(b("7")));
        assertFalse(s.contains(b("07")));
        assertFalse(s.contains(b("+7")));
        assertFalse(s.remove(b("7.0")));
    }

    @Test
    void aNonIntegerOrTheLimitMakesAHashtableForGood() {
        SetValue s = SetValue.createFor(b("1"));
        s.add(b("1"), 2);
        s.add(b("2"), 2);
        assertEquals("intset", s.encoding());
        assertFalse(s.add(b("2"), 2));
        assertEquals("intset", s.encoding());
        s.add(b("3"), 2);
        assertEquals("hashtable", s.encoding());
        s.remove(b("3"));
        assertEquals("hashtable", s.encoding());
        assertTrue(s.contains(b("2")));

        SetValue t = SetValue.createFor(b("1"));
        t.add(b("1"), 512);
        t.add(b("-0"), 512);
        assertEquals("hashtable", t.encoding());
        assertEquals(2, t.size());
        assertEquals("hashtable", SetValue.createFor(b("x")).encoding());
    }

    @Test
    void copiesAreIndependent() {
        SetValue s = SetValue.createFor(b("a"));
        s.add(b("a"), 512);
        SetValue copy = (SetValue) s.copy();
        copy.add(b("b"), 512);
        assertEquals(1, s.size());
        assertEquals(2, copy.size());
    }

    @Test
    void asAMemberCollectionItListsEveryMemberOnceInBothEncodingsAndStopsWhenAsked() {
        for (String[] members : new String[][] {{"3", "1", "2"}, {"b", "1", "a"}}) {
            SetValue s = SetValue.createFor(b(members[0]));
            for (String m : members) {
                s.add(b(m), 512);
            }
            dev.cinnabar.api.keyspace.MemberCollection view = s;
            assertEquals(3, view.memberCount());
            java.util.Set<String> seen = new java.util.TreeSet<>();
            view.forEachMember(m -> seen.add(new String(m, StandardCharsets.US_ASCII)));
            assertEquals(new java.util.TreeSet<>(java.util.List.of(members)), seen);
            assertTrue(view.containsMember(b(members[1])));
            assertFalse(view.containsMember(b("01")));
            int[] visits = {0};
            view.forEachMember(m -> ++visits[0] < 2);
            assertEquals(2, visits[0]);
        }
    }
}
