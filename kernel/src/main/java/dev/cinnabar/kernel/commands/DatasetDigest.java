package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.ValueDigest;
import dev.cinnabar.kernel.keyspace.KernelDatabase;
import dev.cinnabar.kernel.keyspace.Keyspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code DEBUG DIGEST} and {@code DEBUG DIGEST-VALUE} ({@code debug.c}): SHA1-based digests
 * built with Redis's {@code xorDigest} (order-independent: XOR of hashes) and {@code mixDigest}
 * (order-dependent: hash of the running digest). Each key contributes key, type, value and
 * expiry to its own digest, which is XORed into the dataset's, so key order does not matter.
 */
final class DatasetDigest {

    private static final byte[] EXPIRE_MARK = "!!expire!!".getBytes(StandardCharsets.US_ASCII);

    private DatasetDigest() {
    }

    /**
     * Redis's computeDatasetDigest: per non-empty database, mix in its index (4 bytes, network
     * order), then xor in sha1 of each key's digest (key, type, value, expiry). Like Redis, keys
     * that expired but were not reclaimed yet are part of the dataset.
     */
    static String ofDataset(Keyspace keyspace, long now) {
        byte[] total = new byte[20];
        for (int i = 0; i < keyspace.count(); i++) {
            KernelDatabase db = keyspace.db(i);
            if (db.size() == 0) {
                continue;
            }
            mix(total, new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i}, 0, 4);
            db.forEachEntry(e -> {
                byte[] d = new byte[20];
                mix(d, e.key(), 0, e.key().length);
                valueInto(d, e.value(), e.expireAt());
                xor(total, sha1(d, 0, d.length));
            });
        }
        return HexFormat.of().formatHex(total);
    }

    /** A value's digest without its key (DIGEST-VALUE); 40 zeros for a missing key. */
    static String ofValue(RedisValue value, long expireAt) {
        if (value == null) {
            return "0".repeat(40);
        }
        byte[] d = new byte[20];
        valueInto(d, value, expireAt);
        return HexFormat.of().formatHex(d);
    }

    private static void valueInto(byte[] d, RedisValue v, long expireAt) {
        int type = v.type().ordinal();
        mix(d, new byte[] {(byte) (type >>> 24), (byte) (type >>> 16), (byte) (type >>> 8), (byte) type}, 0, 4);
        v.digest(new ValueDigest() {
            @Override
            public void mix(byte[] bytes, int offset, int length) {
                DatasetDigest.mix(d, bytes, offset, length);
            }

            @Override
            public void unordered(byte[]... parts) {
                // Redis's xorDigest: a set member is xor-ed in as sha1(member); a hash field/value or
                // zset member/score pair is first mixed into its own digest, then xor-ed as sha1 of that.
                if (parts.length == 1) {
                    xor(d, sha1(parts[0], 0, parts[0].length));
                    return;
                }
                byte[] element = new byte[20];
                for (byte[] p : parts) {
                    DatasetDigest.mix(element, p, 0, p.length);
                }
                xor(d, sha1(element, 0, element.length));
            }
        });
        if (expireAt >= 0) {
            xor(d, sha1(EXPIRE_MARK, 0, EXPIRE_MARK.length));
        }
    }

    /** Redis's mixDigest: digest ^= sha1(data); digest = sha1(digest). */
    static void mix(byte[] digest, byte[] data, int off, int len) {
        xor(digest, sha1(data, off, len));
        byte[] h = sha1(digest, 0, 20);
        System.arraycopy(h, 0, digest, 0, 20);
    }

    private static void xor(byte[] into, byte[] other) {
        for (int i = 0; i < 20; i++) {
            into[i] ^= other[i];
        }
    }

    private static byte[] sha1(byte[] data, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(data, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
