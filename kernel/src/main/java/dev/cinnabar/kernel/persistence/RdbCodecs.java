package dev.cinnabar.kernel.persistence;

import dev.cinnabar.api.config.ConfigView;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.rdb.RdbReader;
import dev.cinnabar.api.rdb.RdbValueCodec;
import dev.cinnabar.api.rdb.RdbWriter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link RdbValueCodec}s by value class (for writing) and by RDB type byte (for reading):
 * the kernel's own for strings, the plugins' for their types.
 */
public final class RdbCodecs {

    /** {@code RDB_TYPE_STRING}. */
    static final int TYPE_STRING = 0;

    private final Map<Class<?>, RdbValueCodec> byClass = new ConcurrentHashMap<>();
    private final Map<Integer, RdbValueCodec> byType = new ConcurrentHashMap<>();

    public RdbCodecs() {
        register(new StringCodec());
    }

    /** Adds a codec; a class or type byte already taken is refused. */
    public synchronized void register(RdbValueCodec codec) {
        for (Class<?> c : codec.valueClasses()) {
            if (byClass.containsKey(c)) {
                throw new IllegalArgumentException("an RDB codec for " + c.getName() + " is already registered");
            }
        }
        for (Integer t : codec.types()) {
            if (byType.containsKey(t)) {
                throw new IllegalArgumentException("an RDB codec for type " + t + " is already registered");
            }
        }
        for (Class<?> c : codec.valueClasses()) {
            byClass.put(c, codec);
        }
        for (Integer t : codec.types()) {
            byType.put(t, codec);
        }
    }

    public synchronized void unregister(List<RdbValueCodec> codecs) {
        for (RdbValueCodec codec : codecs) {
            byClass.values().removeIf(c -> c == codec);
            byType.values().removeIf(c -> c == codec);
        }
    }

    /** The codec writing {@code value}, or null. */
    public RdbValueCodec forValue(RedisValue value) {
        return byClass.get(value.getClass());
    }

    /** The codec reading {@code type}, or null. */
    public RdbValueCodec forType(int type) {
        return byType.get(type);
    }

    /** Strings: {@code RDB_TYPE_STRING} with {@code rdbSaveRawString}; loaded through {@code tryObjectEncoding}. */
    private static final class StringCodec implements RdbValueCodec {

        @Override
        public Set<Class<? extends RedisValue>> valueClasses() {
            return Set.of(StringValue.class);
        }

        @Override
        public Set<Integer> types() {
            return Set.of(TYPE_STRING);
        }

        @Override
        public int type(RedisValue value) {
            return TYPE_STRING;
        }

        @Override
        public void write(RedisValue value, RdbWriter out, boolean compress, ConfigView config) {
            out.string(((StringValue) value).toBytes(), compress);
        }

        @Override
        public RedisValue read(int type, RdbReader in, ConfigView config) throws RdbReader.Malformed {
            return StringValue.of(in.string());
        }
    }
}
