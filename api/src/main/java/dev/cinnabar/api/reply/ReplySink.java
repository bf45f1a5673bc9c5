package dev.cinnabar.api.reply;

import java.nio.charset.StandardCharsets;

/**
 * Where a command writes its reply. Replies are streamed: an aggregate is a header
 * ({@link #array(int)}, {@link #map(int)}, {@link #set(int)}, {@link #push(int)}) followed by
 * exactly that many elements (for a map, twice that many: key, value, key, value...).
 *
 * <p>The kernel's network sink encodes straight into the client's output buffer in the protocol
 * the client chose with {@code HELLO} (RESP2 or RESP3), downgrading RESP3-only types the way
 * Redis does (map to a flat array, double to a bulk string, boolean to an integer, null to
 * {@code $-1}/{@code *-1}). A script engine supplies its own sink that builds its language's
 * values directly. Callers never need to know which sink they have.
 *
 * <p>A sink is used only on the thread that executes the command.
 */
public interface ReplySink {

    /** The protocol the reply is for: 2 or 3. Commands rarely need it; sinks downgrade for them. */
    int protocol();

    /** {@code +text}: a status reply. {@code text} must not contain CR or LF. */
    void simple(String text);

    /** The {@code +OK} status reply. */
    default void ok() {
        simple("OK");
    }

    /**
     * An error reply: {@code -text}. The text starts with the error code, for example
     * {@code "ERR syntax error"} or {@code "WRONGTYPE Operation against a key holding the wrong kind of value"}.
     * It is sent as given (CR and LF replaced by spaces), so a command must include the code. Each
     * char is one byte (ISO-8859-1), so an error may quote client bytes unchanged.
     */
    void error(String text);

    /** {@code :n}. */
    void integer(long n);

    /** A bulk string of the whole array. */
    default void bulk(byte[] bytes) {
        bulk(bytes, 0, bytes.length);
    }

    /** A bulk string of {@code length} bytes of {@code bytes} from {@code offset}. */
    void bulk(byte[] bytes, int offset, int length);

    /** A bulk string of the UTF-8 bytes of {@code text} (for server-generated text only). */
    default void bulk(String text) {
        bulk(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A bulk string holding the decimal form of {@code n}. */
    default void bulk(long n) {
        bulk(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
    }

    /** The null bulk string: {@code $-1} in RESP2, {@code _} in RESP3. */
    void nullBulk();

    /** The null array: {@code *-1} in RESP2, {@code _} in RESP3. */
    void nullArray();

    /** An array header; {@code count} elements follow. */
    void array(int count);

    /** A map header; {@code count} key/value pairs follow. RESP2 sees a flat array of 2×count. */
    void map(int count);

    /** A set header; {@code count} elements follow. RESP2 sees an array. */
    void set(int count);

    /** A push header (pub/sub messages, invalidations); RESP2 sees an array. */
    void push(int count);

    /** An attribute header (RESP3 only; RESP2 sinks drop it and its pairs). */
    void attribute(int count);

    /**
     * A double. RESP3: {@code ,<value>}; RESP2: a bulk string. Formatted as Redis does
     * ({@code %.17g} shortest form, {@code inf}, {@code -inf}).
     */
    void doubleValue(double value);

    /** A boolean: {@code #t}/{@code #f} in RESP3, {@code :1}/{@code :0} in RESP2. */
    void bool(boolean value);

    /** A big number: {@code (digits} in RESP3, a bulk string in RESP2. */
    void bigNumber(String digits);

    /**
     * A verbatim string: {@code =len\r\nfmt:text} in RESP3 with a three-letter format such as
     * {@code txt}; a plain bulk string in RESP2.
     */
    void verbatim(String format, byte[] text);
}
