package dev.cinnabar.commands.lists;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ring deque against java.util lists under random operations, wrap-around and resizing included. */
class ListValueTest {

    @Test
    void behavesLikeAnArrayListUnderRandomOperations() {
        Random rnd = new Random(42);
        ListValue list = new ListValue();
        List<String> model = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            int op = rnd.nextInt(10);
            String v = Integer.toString(rnd.nextInt(50));
            switch (op) {
                case 0, 1 -> { list.addFirst(b(v)); model.add(0, v); }
                case 2, 3 -> { list.addLast(b(v)); model.add(v); }
                case 4 -> { if (!model.isEmpty()) assertEquals(model.remove(0), s(list.removeFirst())); }
                case 5 -> { if (!model.isEmpty()) assertEquals(model.remove(model.size() - 1), s(list.removeLast())); }
                case 6 -> {
                    int i = rnd.nextInt(model.size() + 1);
                    list.insert(i, b(v));
                    model.add(i, v);
                }
                case 7 -> {
                    if (!model.isEmpty()) {
                        int i = rnd.nextInt(model.size());
                        list.set(i, b(v));
                        model.set(i, v);
                    }
                }
                case 8 -> {
                    int removed = list.removeEqual(b(v), 1, rnd.nextBoolean());
                    assertEquals(removed == 1, model.contains(v) || removed == 1);
                    if (removed == 1 && !model.remove(v)) {
                        throw new AssertionError("removed an element the model lacks");
                    }
                    if (removed == 1) {
                        // the model removed the first occurrence; restore order equality by rebuilding
                        model.clear();
                        for (int i = 0; i < list.size(); i++) {
                            model.add(s(list.get(i)));
                        }
                    }
                }
                default -> {
                    if (model.size() > 2 && rnd.nextInt(20) == 0) {
                        int start = rnd.nextInt(model.size() / 2);
                        int end = model.size() - 1 - rnd.nextInt(model.size() / 2);
                        list.retain(start, end);
                        model = new ArrayList<>(model.subList(start, end + 1));
                    }
                }
            }
            if (step % 997 == 0) {
                assertSame(model, list);
            }
        }
        assertSame(model, list);
    }

    @Test
    void removeEqualHonoursLimitAndDirection() {
        ListValue list = new ListValue();
        for (String v : "a b a c a".split(" ")) {
            list.addLast(b(v));
        }
        assertEquals(1, list.removeEqual(b("a"), 1, true));
        assertSame(List.of("a", "b", "a", "c"), list);
        assertEquals(2, list.removeEqual(b("a"), 0, false));
        assertSame(List.of("b", "c"), list);
        assertEquals(0, list.removeEqual(b("zz"), 0, false));
    }

    private static void assertSame(List<String> model, ListValue list) {
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            actual.add(s(list.get(i)));
        }
        assertEquals(model, actual);
    }

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static String s(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
