package dev.cinnabar.commands.lists;

import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.ValueDigest;
import dev.cinnabar.api.keyspace.ValueType;

import java.util.Arrays;

/**
 * A Redis list: a circular array of byte arrays (a ring deque with indexed access). Pushes and
 * pops at both ends are O(1) amortised, {@code LINDEX}/{@code LSET}/{@code LRANGE} reach any
 * element in O(1), and middle insertions or removals shift the shorter side. One reference per
 * element and no wrapper objects: the list benchmarks ({@code LPUSH}, {@code LPOP},
 * {@code LRANGE_100}) spend their time in the network path, not here.
 *
 * <p>Redis 7.0 stores every list as a quicklist, whatever its size, so that is what
 * {@code OBJECT ENCODING} reports.
 */
public final class ListValue implements RedisValue {

    private static final int MIN_CAPACITY = 8;

    /** Capacity is a power of two, so positions wrap with a mask. */
    private byte[][] items;
    private int head;
    private int size;
    /** Sum of element lengths, kept so MEMORY USAGE need not walk the list. */
    private long elementBytes;
    /** {@code list-max-listpack-size} when the list was created (a quicklist keeps its own fill). */
    private final int fill;
    /** Redis's node boundaries while only end operations changed the list, else null. */
    private QuicklistLayout layout;

    /** An empty list with the default fill (-2). */
    public ListValue() {
        this(-2);
    }

    /** An empty list whose quicklist nodes follow {@code fill} ({@code list-max-listpack-size}). */
    public ListValue(long fill) {
        items = new byte[MIN_CAPACITY][];
        this.fill = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, fill));
        layout = new QuicklistLayout(this.fill);
    }

    private ListValue(byte[][] items, int size, long elementBytes, int fill, QuicklistLayout layout) {
        this.items = items;
        this.size = size;
        this.elementBytes = elementBytes;
        this.fill = fill;
        this.layout = layout;
    }

    int fill() {
        return fill;
    }

    /** The node layout Redis would have, or null when it is not known (see {@link QuicklistLayout}). */
    QuicklistLayout layout() {
        return layout != null && layout.total() == size ? layout : null;
    }

    /** Replaces the layout (a snapshot's nodes) or forgets it (null). */
    void layout(QuicklistLayout l) {
        layout = l;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Element {@code index} (0 = head); the caller checks the bounds. */
    public byte[] get(int index) {
        return items[(head + index) & (items.length - 1)];
    }

    public void set(int index, byte[] element) {
        layout = null;
        int p = (head + index) & (items.length - 1);
        elementBytes += element.length - items[p].length;
        items[p] = element;
    }

    public void addFirst(byte[] element) {
        if (size == items.length) {
            resize(items.length << 1);
        }
        head = (head - 1) & (items.length - 1);
        items[head] = element;
        size++;
        elementBytes += element.length;
        if (layout != null) {
            layout.push(true, element);
        }
    }

    public void addLast(byte[] element) {
        if (size == items.length) {
            resize(items.length << 1);
        }
        items[(head + size) & (items.length - 1)] = element;
        size++;
        elementBytes += element.length;
        if (layout != null) {
            layout.push(false, element);
        }
    }

    /** Adds at the head ({@code left}) or the tail. */
    public void add(boolean left, byte[] element) {
        if (left) {
            addFirst(element);
        } else {
            addLast(element);
        }
    }

    public byte[] removeFirst() {
        byte[] e = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        elementBytes -= e.length;
        if (layout != null) {
            layout.pop(true, e);
        }
        shrinkIfSparse();
        return e;
    }

    public byte[] removeLast() {
        int p = (head + size - 1) & (items.length - 1);
        byte[] e = items[p];
        items[p] = null;
        size--;
        elementBytes -= e.length;
        if (layout != null) {
            layout.pop(false, e);
        }
        shrinkIfSparse();
        return e;
    }

    /** Removes from the head ({@code left}) or the tail. */
    public byte[] remove(boolean left) {
        return left ? removeFirst() : removeLast();
    }

    /** Inserts {@code element} so that it becomes element {@code index} (0..size). */
    public void insert(int index, byte[] element) {
        layout = null; // Redis's _quicklistInsert may split or merge nodes
        if (index == 0) {
            addFirst(element);
            return;
        }
        if (index == size) {
            addLast(element);
            return;
        }
        if (size == items.length) {
            resize(items.length << 1);
        }
        int mask = items.length - 1;
        if (index < size / 2) {
            // shift the elements before index one place towards the head
            head = (head - 1) & mask;
            for (int i = 0; i < index; i++) {
                items[(head + i) & mask] = items[(head + i + 1) & mask];
            }
        } else {
            for (int i = size; i > index; i--) {
                items[(head + i) & mask] = items[(head + i - 1) & mask];
            }
        }
        items[(head + index) & mask] = element;
        size++;
        elementBytes += element.length;
    }

    /** Keeps only the elements {@code start..end} (inclusive, within bounds, start <= end + 1). */
    public void retain(int start, int end) {
        int removeLeft = start;
        int removeRight = size - 1 - end;
        for (int i = 0; i < removeLeft; i++) {
            removeFirstNoShrink();
        }
        for (int i = 0; i < removeRight; i++) {
            removeLastNoShrink();
        }
        shrinkIfSparse();
    }

    /**
     * Removes up to {@code limit} elements equal to {@code element} (0 = all), scanning from the
     * head or, when {@code fromTail}, from the tail ({@code LREM}); returns how many went.
     */
    public int removeEqual(byte[] element, long limit, boolean fromTail) {
        int mask = items.length - 1;
        boolean[] drop = null;
        int removed = 0;
        for (int k = 0; k < size && (limit == 0 || removed < limit); k++) {
            int i = fromTail ? size - 1 - k : k;
            if (Arrays.equals(items[(head + i) & mask], element)) {
                if (drop == null) {
                    drop = new boolean[size];
                }
                drop[i] = true;
                removed++;
            }
        }
        if (removed == 0) {
            return 0;
        }
        layout = null;
        int write = 0;
        for (int read = 0; read < size; read++) {
            byte[] e = items[(head + read) & mask];
            if (drop[read]) {
                elementBytes -= e.length;
            } else {
                items[(head + write) & mask] = e;
                write++;
            }
        }
        for (int i = write; i < size; i++) {
            items[(head + i) & mask] = null;
        }
        size = write;
        shrinkIfSparse();
        return removed;
    }

    /** Index of the first element equal to {@code element} from the head, or -1. */
    public int indexOf(byte[] element) {
        int mask = items.length - 1;
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(items[(head + i) & mask], element)) {
                return i;
            }
        }
        return -1;
    }

    private void removeFirstNoShrink() {
        if (layout != null) {
            layout.pop(true, items[head]);
        }
        elementBytes -= items[head].length;
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
    }

    private void removeLastNoShrink() {
        int p = (head + size - 1) & (items.length - 1);
        if (layout != null) {
            layout.pop(false, items[p]);
        }
        elementBytes -= items[p].length;
        items[p] = null;
        size--;
    }

    /** Gives memory back once a list has shrunk to a quarter of its array, as Redis frees nodes. */
    private void shrinkIfSparse() {
        int cap = items.length;
        if (cap > 64 && size < cap >> 2) {
            resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size)) << 1));
        }
    }

    private void resize(int capacity) {
        if (capacity < 0) {
            throw new OutOfMemoryError("list too long");
        }
        byte[][] next = new byte[capacity][];
        int first = Math.min(size, items.length - head);
        System.arraycopy(items, head, next, 0, first);
        if (first < size) {
            System.arraycopy(items, 0, next, first, size - first);
        }
        items = next;
        head = 0;
    }

    @Override
    public ValueType type() {
        return ValueType.LIST;
    }

    @Override
    public String encoding() {
        return "quicklist";
    }

    @Override
    public RedisValue copy() {
        byte[][] copy = new byte[items.length][];
        int mask = items.length - 1;
        for (int i = 0; i < size; i++) {
            byte[] e = items[(head + i) & mask];
            copy[i] = e; // elements are never changed in place, so they can be shared
        }
        return new ListValue(copy, size, elementBytes, fill, layout == null ? null : layout.copy());
    }

    @Override
    public void digest(ValueDigest digest) {
        int mask = items.length - 1;
        for (int i = 0; i < size; i++) {
            digest.mix(items[(head + i) & mask]);
        }
    }

    @Override
    public long memoryUsage() {
        return 48 + 8L * items.length + 16L * size + elementBytes;
    }
}
