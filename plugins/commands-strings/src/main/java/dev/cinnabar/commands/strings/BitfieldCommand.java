package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code BITFIELD} and {@code BITFIELD_RO}: integers of 1 to 64 bits (unsigned up to 63) at any
 * bit offset, big-endian in bit order as {@code SETBIT} numbers bits, with Redis's overflow rules.
 * All sub-commands are parsed (and every argument error reported) before anything is written.
 */
final class BitfieldCommand {

    private static final int GET = 0, SET = 1, INCRBY = 2;
    private static final int WRAP = 0, SAT = 1, FAIL = 2;

    private BitfieldCommand() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("bitfield", (ctx, args, reply) -> bitfield(ctx, args, reply, false));
        r.redisCommand("bitfield_ro", (ctx, args, reply) -> bitfield(ctx, args, reply, true));
    }

    private record Op(int opcode, long offset, long value, int overflow, int bits, boolean signed) {
    }

    private static void bitfield(CommandContext ctx, Arguments args, ReplySink reply, boolean readOnlyCommand) {
        List<Op> ops = new ArrayList<>();
        int overflow = WRAP;
        boolean readonly = true;
        long highestWriteBit = 0;
        int argc = args.count();
        for (int j = 2; j < argc; j++) {
            int remaining = argc - j - 1;
            byte[] sub = args.get(j);
            int opcode;
            if (Arguments.isKeyword(sub, "get") && remaining >= 2) {
                opcode = GET;
            } else if (Arguments.isKeyword(sub, "set") && remaining >= 3) {
                opcode = SET;
            } else if (Arguments.isKeyword(sub, "incrby") && remaining >= 3) {
                opcode = INCRBY;
            } else if (Arguments.isKeyword(sub, "overflow") && remaining >= 1) {
                byte[] type = args.get(++j);
                if (Arguments.isKeyword(type, "wrap")) {
                    overflow = WRAP;
                } else if (Arguments.isKeyword(type, "sat")) {
                    overflow = SAT;
                } else if (Arguments.isKeyword(type, "fail")) {
                    overflow = FAIL;
                } else {
                    throw new CommandException(StringErrors.BITFIELD_OVERFLOW_TYPE);
                }
                continue;
            } else {
                throw CommandException.syntax();
            }
            byte[] type = args.get(j + 1);
            boolean signed = type.length > 0 && type[0] == 'i';
            int bits = parseBits(type);
            long offset = BitOffsets.parse(ctx, args.get(j + 2), true, bits);
            long value = 0;
            if (opcode != GET) {
                readonly = false;
                if (Long.compareUnsigned(highestWriteBit, offset + bits - 1) < 0) {
                    highestWriteBit = offset + bits - 1;
                }
                value = args.longValue(j + 3);
            }
            ops.add(new Op(opcode, offset, value, overflow, bits, signed));
            j += opcode == GET ? 2 : 3;
        }

        byte[] key = args.get(1);
        StringValue v;
        boolean grown = false;
        if (readonly) {
            RedisValue o = ctx.db().lookupRead(key);
            if (o != null && !(o instanceof StringValue)) {
                throw CommandException.wrongType();
            }
            v = (StringValue) o;
        } else {
            if (readOnlyCommand) {
                throw new CommandException(StringErrors.BITFIELD_RO_GET_ONLY);
            }
            BitOffsets.Target target = BitOffsets.lookupForWrite(ctx, key, highestWriteBit);
            v = target.value();
            grown = target.grown();
        }

        reply.array(ops.size());
        // Redis 7.0 counts each SET/INCRBY that wrote a different value, or every write when the
        // lookup created or lengthened the string
        long changes = 0;
        for (Op op : ops) {
            if (op.opcode == GET) {
                byte[] src = v == null ? new byte[0] : v.array();
                int len = v == null ? 0 : v.length();
                long raw = readBits(src, len, op.offset, op.bits);
                reply.integer(op.signed ? signExtend(raw, op.bits) : raw);
                continue;
            }
            byte[] p = v.array();
            int len = v.length();
            long oldRaw = readBits(p, len, op.offset, op.bits);
            long oldVal = op.signed ? signExtend(oldRaw, op.bits) : oldRaw;
            // SET is "value + 0" for the overflow rules; both reply and write alike from here
            long base = op.opcode == INCRBY ? oldVal : op.value;
            long incr = op.opcode == INCRBY ? op.value : 0;
            long[] limit = new long[1];
            boolean overflowed = (op.signed
                    ? signedOverflow(base, incr, op.bits, op.overflow, limit)
                    : unsignedOverflow(base, incr, op.bits, op.overflow, limit)) != 0;
            long newVal = overflowed ? limit[0] : base + incr;
            long retVal = op.opcode == INCRBY ? newVal : oldVal;
            if (overflowed && op.overflow == FAIL) {
                reply.nullBulk();
            } else {
                reply.integer(retVal);
                writeBits(p, op.offset, op.bits, newVal);
                if (grown || newVal != oldVal) {
                    changes++;
                }
            }
        }
        if (changes > 0) {
            ctx.db().modified(key);
            ctx.db().notifyKeyspaceEvent(KeyspaceEvents.STRING, "setbit", key);
        }
        if (!readonly) {
            ctx.countChanges(changes);
        }
    }

    /** Redis's {@code getBitfieldTypeFromArgument}: {@code i1..i64} or {@code u1..u63}. */
    private static int parseBits(byte[] type) {
        if (type.length == 0 || (type[0] != 'i' && type[0] != 'u')) {
            throw new CommandException(StringErrors.BITFIELD_TYPE);
        }
        int end = 1;
        while (end < type.length && type[end] != 0) {
            end++; // the width is read as a C string
        }
        long bits;
        try {
            bits = Numbers.parseLong(type, 1, end - 1);
        } catch (NumberFormatException e) {
            throw new CommandException(StringErrors.BITFIELD_TYPE);
        }
        if (bits < 1 || (type[0] == 'i' && bits > 64) || (type[0] == 'u' && bits > 63)) {
            throw new CommandException(StringErrors.BITFIELD_TYPE);
        }
        return (int) bits;
    }

    /** The unsigned value of {@code bits} bits at {@code offset}; bits past the string read as 0. */
    private static long readBits(byte[] p, int len, long offset, int bits) {
        long value = 0;
        for (int j = 0; j < bits; j++, offset++) {
            long index = offset >> 3;
            int bit = 0;
            if (index < len) {
                bit = (p[(int) index] >> (7 - (int) (offset & 7))) & 1;
            }
            value = (value << 1) | bit;
        }
        return value;
    }

    private static void writeBits(byte[] p, long offset, int bits, long value) {
        for (int j = 0; j < bits; j++, offset++) {
            int bitval = (int) ((value >>> (bits - 1 - j)) & 1);
            int index = (int) (offset >> 3);
            int bit = 7 - (int) (offset & 7);
            p[index] = (byte) ((p[index] & ~(1 << bit)) | (bitval << bit));
        }
    }

    private static long signExtend(long raw, int bits) {
        if (bits < 64 && (raw & (1L << (bits - 1))) != 0) {
            return raw | (-1L << bits);
        }
        return raw;
    }

    /** Redis's {@code checkUnsignedBitfieldOverflow}: 1 over, -1 under, 0 fits; {@code limit[0]} for WRAP/SAT. */
    private static int unsignedOverflow(long value, long incr, int bits, int owtype, long[] limit) {
        long max = bits == 64 ? -1L : (1L << bits) - 1;
        long maxIncr = max - value;
        long minIncr = -value;
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) {
            if (owtype == WRAP) {
                limit[0] = (value + incr) & ~(-1L << bits);
            } else if (owtype == SAT) {
                limit[0] = max;
            }
            return 1;
        } else if (incr < 0 && incr < minIncr) {
            if (owtype == WRAP) {
                limit[0] = (value + incr) & ~(-1L << bits);
            } else if (owtype == SAT) {
                limit[0] = 0;
            }
            return -1;
        }
        return 0;
    }

    /** Redis's {@code checkSignedBitfieldOverflow}. */
    private static int signedOverflow(long value, long incr, int bits, int owtype, long[] limit) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value;
        long minIncr = min - value;
        if (value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
            if (owtype == WRAP) {
                limit[0] = wrapSigned(value, incr, bits);
            } else if (owtype == SAT) {
                limit[0] = max;
            }
            return 1;
        } else if (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
            if (owtype == WRAP) {
                limit[0] = wrapSigned(value, incr, bits);
            } else if (owtype == SAT) {
                limit[0] = min;
            }
            return -1;
        }
        return 0;
    }

    private static long wrapSigned(long value, long incr, int bits) {
        long c = value + incr;
        if (bits < 64) {
            long mask = -1L << bits;
            if ((c & (1L << (bits - 1))) != 0) {
                c |= mask;
            } else {
                c &= ~mask;
            }
        }
        return c;
    }
}
