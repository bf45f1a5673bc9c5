package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The HyperLogLog commands of {@code hyperloglog.c} against real Redis: the stored bytes (GET)
 * after every kind of change, the estimates, and Redis's handling of corrupted values.
 */
class HyperLogLogDifferentialTest extends DifferentialTest {

    /** A sparse header with a stale cache, as the opcodes that follow it decide validity. */
    private static final String SPARSE_STALE = "\"HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80";
    private static final String SPARSE_CACHED = "\"HYLL\\x01\\x00\\x00\\x00\\x05\\x00\\x00\\x00\\x00\\x00\\x00\\x00";

    /** PFADD key e<from> .. e<to-1> in batches on both servers, replies compared. */
    private void addRange(String key, int from, int to) {
        for (int start = from; start < to; start += 500) {
            int end = Math.min(to, start + 500);
            List<byte[]> args = new ArrayList<>();
            args.add(bytes("PFADD"));
            args.add(bytes(key));
            for (int i = start; i < end; i++) {
                args.add(("e" + i).getBytes(StandardCharsets.US_ASCII));
            }
            same(args.toArray(new byte[0][]));
        }
    }

    /** A dense HLL value with register {@code register} at {@code value}, all others 0, cache stale. */
    private static byte[] denseWith(int register, int value) {
        byte[] b = new byte[16 + 12288];
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[15] = (byte) 0x80;
        int bit = register * 6;
        int at = 16 + bit / 8;
        int fb = bit % 8;
        b[at] |= (byte) (value << fb);
        if (fb > 2) {
            b[at + 1] |= (byte) (value >>> (8 - fb));
        }
        return b;
    }

    @Test
    void pfaddSmallSetStoresRedisSparseBytes() {
        same("PFADD h a b c");
        same("GET h");
        same("PFADD h a");
        same("PFADD h");
        same("GET h");
        same("PFCOUNT h");
        same("GET h");
        same("PFADD h d");
        same("GET h");
        same("PFADD empty");
        same("GET empty");
        same("PFCOUNT empty");
        same("PFCOUNT nokey");
        same("OBJECT ENCODING h");
        same("PFDEBUG DECODE h");
        same("PFADD bin \"\\x00\\xff\" \"\" abcdefgh abcdefghi 1234567");
        same("GET bin");
        same("PFADD");
    }

    @Test
    void sparseGrowsThenPromotesToDenseBySize() {
        for (int n = 0; n < 3000; n += 100) {
            addRange("h", n, n + 100);
            same("GET h");
            same("PFDEBUG ENCODING h");
            same("PFCOUNT h");
        }
        same("PFDEBUG DECODE h");
        same("GET h");
    }

    @Test
    void promotionThresholdFollowsHllSparseMaxBytes() {
        try {
            both("CONFIG SET hll-sparse-max-bytes 60");
            for (int n = 0; n < 40; n++) {
                addRange("h", n, n + 1);
                same("PFDEBUG ENCODING h");
                same("GET h");
            }
            both("CONFIG SET hll-sparse-max-bytes 0");
            addRange("z", 0, 1);
            same("GET z");
        } finally {
            both("CONFIG SET hll-sparse-max-bytes 3000");
        }
    }

    @Test
    void pfcountMatchesRedisUpToOneHundredThousand() {
        int added = 0;
        for (int target : new int[] {1, 2, 5, 10, 50, 100, 300, 1000, 2500, 5000, 10000, 25000, 50000, 100000}) {
            addRange("h", added, target);
            added = target;
            same("PFCOUNT h");
            same("PFCOUNT h");
        }
        same("GET h");
    }

    @Test
    void pfcountOfSeveralKeysEstimatesTheUnion() {
        addRange("s1", 0, 50);
        addRange("s2", 25, 120);
        addRange("d1", 0, 5000);
        same("PFCOUNT s1 s2");
        same("PFCOUNT s1 s2 nokey");
        same("PFCOUNT s1 d1");
        same("PFCOUNT nokey1 nokey2");
        same("PFCOUNT s1 s1");
        same("GET s1");
        same("SET str hello");
        same("PFCOUNT s1 str");
        same("PFCOUNT str");
    }

    @Test
    void pfmergeOfSparseAndDense() {
        addRange("s1", 0, 30);
        addRange("s2", 20, 80);
        same("PFMERGE m1 s1 s2");
        same("GET m1");
        same("PFCOUNT m1");
        same("PFMERGE m1 s2 nokey");
        same("GET m1");
        same("PFMERGE fresh");
        same("GET fresh");
        same("PFMERGE fresh2 nokey");
        same("GET fresh2");
        addRange("d", 0, 4000);
        same("PFMERGE m2 s1 d");
        same("GET m2");
        same("PFDEBUG ENCODING m2");
        same("PFMERGE s1 d");
        same("GET s1");
        same("PFMERGE s2 s2");
        same("GET s2");
        same("SET str hello");
        same("PFMERGE str s2");
        same("PFMERGE m3 s2 str");
        same("EXISTS m3");
        // a sparse destination outgrowing the limit while merging turns dense half-way
        addRange("big1", 0, 1500);
        addRange("big2", 1500, 3000);
        same("PFMERGE big1 big2");
        same("PFDEBUG ENCODING big1");
        same("GET big1");
    }

    @Test
    void registersAbove32ForceDenseAndMergeIntoSparse() {
        byte[] dense = denseWith(100, 40);
        same(bytes("SET"), bytes("d"), dense);
        same("PFCOUNT d");
        same("GET d");
        addRange("s", 0, 10);
        same("PFMERGE s d");
        same("PFDEBUG ENCODING s");
        same("GET s");
        same("PFCOUNT s d");
        same(bytes("SET"), bytes("d63"), denseWith(16383, 63));
        same("PFCOUNT d63");
        same("PFCOUNT d63 d");
        same("PFDEBUG GETREG d63");
    }

    @Test
    void corruptedValuesGetRedisErrorsAndTheServerStaysUp() {
        same("SET notahll hello");
        same("PFADD notahll a");
        same("PFCOUNT notahll");
        same("PFMERGE m notahll");
        same("PFDEBUG ENCODING notahll");
        same("SET int 12345678901234567");
        same("PFCOUNT int");
        same("SET short HYLL\\x01");
        same("PFCOUNT short");
        same("SET badenc \"HYLL\\x02\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\xff\"");
        same("PFCOUNT badenc");
        same("SET badmagic \"HYLX\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\xff\"");
        same("PFADD badmagic a");
        same("SET shortdense \"HYLL\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\xff\"");
        same("PFCOUNT shortdense");
        for (String body : new String[] {"\\x7f\\xfe", "\\x7f", "\\x7f\\xff\\x80", "\\x7f\\xfe\\x83", "",
                "\\x7f\\xfe\\x80", "\\x40\\x00\\xbf\\xff\\x7f\\x00\\x80", "\\x3f\\x7f\\xbe\\x7f\\xff"}) {
            same("SET c " + SPARSE_STALE + body + "\"");
            same("PFCOUNT c");
            same("PFCOUNT c notahll2");
            same("PFCOUNT c c");
            same("PFMERGE m c");
            same("PFDEBUG DECODE c");
            same("PFADD c a b c d e f g h i j k l m n o p q r s t u v w x y z");
            same("GET c");
            same("PFDEBUG TODENSE c");
            same("PFDEBUG GETREG c");
            same("SET c " + SPARSE_CACHED + body + "\"");
            same("PFCOUNT c");
            same("GET c");
        }
        same("PING");
    }

    @Test
    void pfdebugSubcommands() {
        same("PFDEBUG ENCODING nokey");
        same("PFDEBUG BOGUS nokey");
        addRange("h", 0, 20);
        same("PFDEBUG DECODE h");
        same("PFDEBUG ENCODING h");
        same("PFDEBUG encoding h");
        same("PFDEBUG ENCODING h extra");
        same("PFDEBUG DECODE h extra");
        same("PFDEBUG GETREG h extra");
        same("PFDEBUG TODENSE h extra");
        same("PFDEBUG BOGUS h");
        same("PFDEBUG \"get\\x00reg\" h");
        same("PFDEBUG");
        same("PFDEBUG GETREG");
        same("PFDEBUG TODENSE h");
        same("PFDEBUG TODENSE h");
        same("GET h");
        same("PFDEBUG DECODE h");
        addRange("g", 0, 20);
        same("PFDEBUG GETREG g");
        same("PFDEBUG ENCODING g");
        same("GET g");
        same("SET e \"HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\"");
        same("PFDEBUG DECODE e");
    }

    @Test
    void pfselftestPasses() {
        same("PFSELFTEST");
        same("PFSELFTEST extra");
    }

    @Test
    void changesKeepTheTtl() {
        same("PFADD h a");
        same("EXPIRE h 1000");
        addRange("h", 0, 2000);
        same("TTL h");
        same("PFDEBUG TODENSE h");
        same("TTL h");
        same("PFCOUNT h");
        same("TTL h");
    }
}
