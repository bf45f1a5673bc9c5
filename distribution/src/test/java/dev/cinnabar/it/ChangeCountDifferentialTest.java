package dev.cinnabar.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code rdb_changes_since_last_save} (Redis's {@code server.dirty}, which the {@code save} points
 * compare with) against Redis 7.0.15: each command is sent to both servers, the replies are
 * compared, and so is what each server added to the counter for it, read from
 * {@code INFO persistence} on a second connection (so that it can be read inside MULTI and while
 * a client is blocked). Redis counts per element for most collection commands, once for moves and
 * stores, nothing for expiries and for writes that change nothing.
 */
class ChangeCountDifferentialTest extends DifferentialTest {

    private static final Pattern CHANGES = Pattern.compile("rdb_changes_since_last_save:(-?\\d+)");

    private RawConnection rInfo;
    private RawConnection cInfo;

    @BeforeEach
    void infoConnections() {
        rInfo = redisServer().connect();
        cInfo = cinnabarServer().connect();
        both("FUNCTION FLUSH");
        both("DEBUG SET-ACTIVE-EXPIRE 1");
    }

    @AfterEach
    void closeInfoConnections() {
        rInfo.close();
        cInfo.close();
    }

    private static long changes(RawConnection info) {
        String text = new String(info.call("INFO persistence"), StandardCharsets.ISO_8859_1);
        Matcher m = CHANGES.matcher(text);
        if (!m.find()) {
            fail("no rdb_changes_since_last_save in " + text);
        }
        return Long.parseLong(m.group(1));
    }

    /** Sends {@code line} to both, compares the replies, then the changes each server counted for it. */
    private void counts(String line) {
        countsArgs(line, RawConnection.split(line), RawConnection.split(line), true);
    }

    /** As {@link #counts} for commands whose reply is random (SPOP): only the counts are compared. */
    private void countsAnyReply(String line) {
        countsArgs(line, RawConnection.split(line), RawConnection.split(line), false);
    }

    /** Each line in turn, as {@link #counts}. */
    private void counts(String... lines) {
        for (String line : lines) {
            counts(line);
        }
    }

    private void countsArgs(String what, byte[][] redisArgs, byte[][] cinnabarArgs, boolean compareReplies) {
        long r0 = changes(rInfo);
        long c0 = changes(cInfo);
        byte[] expected = r.call(redisArgs);
        byte[] actual = c.call(cinnabarArgs);
        if (compareReplies) {
            assertSameReply(expected, actual, what);
        }
        assertEquals(changes(rInfo) - r0, changes(cInfo) - c0, "changes counted for " + what);
    }

    /** Sends {@code line} to both and compares the counter's value afterwards (SAVE, DEBUG RELOAD reset it). */
    private void sameCounterAfter(String line) {
        same(line);
        assertEquals(changes(rInfo), changes(cInfo), "changes since the last save after " + line);
    }

    /**
     * Parks a second client of each server with {@code blocking}, then runs {@code push} on the
     * first: the changes of the push and of the served command together are compared.
     */
    private void servedLater(String blocking, String push) {
        try (RawConnection rb = redisServer().connect(); RawConnection cb = cinnabarServer().connect()) {
            long r0 = changes(rInfo);
            long c0 = changes(cInfo);
            sendOn(rb, cb, blocking);
            awaitBlocked(rInfo, 1);
            awaitBlocked(cInfo, 1);
            same(push);
            assertSameReply(rb.readReply(), cb.readReply(), blocking + " served after " + push);
            assertEquals(changes(rInfo) - r0, changes(cInfo) - c0, "changes counted for " + push + " serving " + blocking);
        }
    }


    // ---- lists

    @Test
    void pushesCountEachElementPushed() {
        counts("RPUSH l a b c", "RPUSH l d", "LPUSH l x y", "LPUSHX l 1 2 3", "RPUSHX l 4 5",
                "RPUSHX nolist a b", "LPUSHX nolist a", "LINSERT l BEFORE a q", "LINSERT l AFTER nopivot q",
                "LINSERT nolist BEFORE a q", "LSET l 0 z", "LSET l 0 z", "LSET l 99 z", "LSET nolist 0 z");
    }

    @Test
    void popsCountEachElementPopped() {
        counts("RPUSH l a b c d e f g h", "LPOP l", "RPOP l", "LPOP l 2", "RPOP l 0", "RPOP l 10",
                "LPOP l", "LPOP l 3", "LPOP nolist 2", "RPOP nolist",
                "RPUSH l a b c d e", "LMPOP 1 l LEFT", "LMPOP 2 nolist l RIGHT COUNT 2", "LMPOP 1 l LEFT COUNT 10",
                "LMPOP 1 nolist LEFT COUNT 3");
    }

    @Test
    void trimAndRemoveCountTheElementsRemoved() {
        counts("RPUSH l a b a c a d a", "LREM l 0 a", "LREM l 0 zz", "LREM l -1 d", "LREM nolist 0 a",
                "RPUSH l a b c d e f", "LTRIM l 1 -2", "LTRIM l 0 -1", "LTRIM l 1 1", "LTRIM l 5 1", "EXISTS l",
                "RPUSH l a b c", "LTRIM l 0 100", "LTRIM nolist 0 1");
    }

    @Test
    void moveCountsOnceWhateverItCreatesOrDeletes() {
        counts("RPUSH src a b c", "LMOVE src dst LEFT RIGHT", "LMOVE src dst RIGHT LEFT", "RPOPLPUSH src dst",
                "RPOPLPUSH dst dst", "LMOVE dst dst LEFT LEFT", "LMOVE nolist dst LEFT LEFT",
                "BLMOVE dst other LEFT LEFT 0", "BRPOPLPUSH dst other 0", "BLPOP other 0", "BRPOP other nolist 0",
                "BLMPOP 0 1 dst LEFT COUNT 5", "RPUSH one x", "LMOVE one one LEFT RIGHT");
    }

    @Test
    void blockedListCommandsServedLaterCountAsRedisServesThem() {
        servedLater("BLPOP bl 0", "RPUSH bl x y z");
        servedLater("BRPOP bl2 0", "RPUSH bl2 x");
        servedLater("BLMPOP 0 1 bl3 LEFT", "RPUSH bl3 x y z");
        servedLater("BLMPOP 0 1 bl4 RIGHT COUNT 10", "RPUSH bl4 x y z");
        servedLater("BLMOVE bl5 dst LEFT RIGHT 0", "RPUSH bl5 x y");
        servedLater("BRPOPLPUSH bl6 bl6 0", "RPUSH bl6 x");
        servedLater("BLPOP bl7 0", "EVAL \"redis.call('rpush', KEYS[1], 'a', 'b'); return redis.call('rpush', KEYS[1], 'c')\" 1 bl7");
        counts("RPUSH src8 q");
        servedLater("BLPOP bl8 0", "LMOVE src8 bl8 LEFT LEFT");
    }

    // ---- sets

    @Test
    void setAddAndRemoveCountMembers() {
        counts("SADD s a b c", "SADD s a d", "SADD s a", "SREM s a zz b", "SREM s zz", "SREM nokey a",
                "SADD ints 1 2 3 4 5", "SREM ints 1 2 3 4 5 6", "EXISTS ints");
    }

    @Test
    void spopCountsMembersPopped() {
        counts("SADD s a b c d e f g h i j");
        countsAnyReply("SPOP s");
        countsAnyReply("SPOP s 3");
        counts("SPOP s 0", "SPOP nokey", "SPOP nokey 3");
        countsAnyReply("SPOP s 2");
        counts("SCARD s");
        countsAnyReply("SPOP s 100");
        counts("EXISTS s", "SADD small 1 2 3");
        countsAnyReply("SPOP small 3");
    }

    @Test
    void smoveCountsTheRemovalAndTheAddition() {
        counts("SADD src a b c", "SMOVE src dst a", "SADD dst b", "SMOVE src dst b", "SMOVE src dst zz",
                "SMOVE dst dst a", "SMOVE nokey dst a", "SMOVE src dst c", "EXISTS src");
    }

    @Test
    void setStoresCountOnceOrForTheDeletedDestination() {
        counts("SADD s1 a b c", "SADD s2 b c d", "SINTERSTORE d s1 s2", "SUNIONSTORE d s1 s2", "SDIFFSTORE d s1 s2",
                "SINTERSTORE d s1 nokey", "SINTERSTORE d s1 nokey", "SUNIONSTORE d nokey1 nokey2",
                "SDIFFSTORE d s1 s1", "SDIFFSTORE d s1 s1", "SINTERCARD 2 s1 s2");
    }

    // ---- hashes

    @Test
    void hashSetsCountEveryPairGivenAndDeletesEachField() {
        counts("HSET h a 1 b 2", "HSET h a 1 b 2", "HSET h a 1 a 2 a 3", "HMSET h c 3 d 4 e 5", "HSETNX h a 9",
                "HSETNX h z 9", "HDEL h a b nofield", "HDEL h nofield", "HDEL nokey a", "HINCRBY h c 1",
                "HINCRBYFLOAT h c 1.5", "HINCRBY h c x", "HINCRBYFLOAT nokey f 0", "HSET h a", "HDEL h c d e z",
                "EXISTS h");
    }

    // ---- sorted sets

    @Test
    void zaddCountsAddedAndUpdatedMembers() {
        counts("ZADD z 1 a 2 b", "ZADD z 1 a 3 b 4 c", "ZADD z NX 5 a 6 d", "ZADD z XX 5 a 6 e",
                "ZADD z XX CH 5 a 7 b", "ZADD z INCR 1 a", "ZADD z GT 1 a", "ZADD z LT 1 a", "ZADD z 1 a",
                "ZADD z INCR 0 a", "ZINCRBY z 0 a", "ZINCRBY z 2 a", "ZINCRBY z 1 new", "ZADD z NX INCR 1 a",
                "ZADD z LT 0 a 0 b 0 c 0 zz", "ZADD z NX XX 1 a", "ZADD z 1 a x", "ZADD z nan a", "ZADD nokey XX 1 a");
    }

    @Test
    void zsetRemovalsAndPopsCountEachMember() {
        counts("ZADD z 1 a 2 b 3 c 4 d 5 e 6 f 7 g", "ZREM z a nomember", "ZREM z nomember",
                "ZREMRANGEBYSCORE z 2 3", "ZREMRANGEBYRANK z 0 0", "ZREMRANGEBYRANK z 5 10", "ZREMRANGEBYLEX z [z +",
                "ZADD z 1 a 2 b 3 c", "ZPOPMIN z", "ZPOPMAX z 2", "ZPOPMIN z 0", "ZPOPMIN z 10", "ZPOPMIN nokey 2",
                "ZADD z 1 a 2 b 3 c", "ZMPOP 1 z MIN COUNT 2", "ZMPOP 2 nokey z MAX", "ZMPOP 1 nokey MIN",
                "ZADD z 1 a 2 b 3 c", "BZPOPMIN z 0", "BZPOPMAX z nokey 0", "BZMPOP 0 1 z MIN COUNT 5", "EXISTS z",
                "ZADD all 1 a 2 b 3 c", "ZREMRANGEBYSCORE all -inf +inf", "EXISTS all");
    }

    @Test
    void blockedSortedSetPopsServedLaterCountTheirMembers() {
        servedLater("BZPOPMIN bz 0", "ZADD bz 1 a 2 b");
        servedLater("BZPOPMAX bz2 0", "ZADD bz2 1 a");
        servedLater("BZMPOP 0 1 bz3 MIN COUNT 5", "ZADD bz3 1 a 2 b");
        servedLater("BZMPOP 0 1 bz4 MAX", "ZADD bz4 1 a 2 b");
    }

    @Test
    void zsetStoresCountOnce() {
        counts("ZADD z1 1 a 2 b", "ZADD z2 1 b 3 c", "ZUNIONSTORE d 2 z1 z2", "ZINTERSTORE d 2 z1 z2",
                "ZDIFFSTORE d 2 z1 z2", "ZINTERSTORE d 2 z1 nokey", "ZINTERSTORE d 2 z1 nokey",
                "ZRANGESTORE d z1 0 -1", "ZRANGESTORE d z1 5 6", "ZRANGESTORE d z1 5 6", "ZUNIONSTORE d 1 nokey");
    }

    // ---- strings

    @Test
    void stringWritesCountOnceAndNoOpsNothing() {
        counts("SET k v", "SET k v NX", "SET k v2 XX", "SET nokey v XX", "SET k v GET", "SET k v XX GET",
                "SETNX k v", "SETNX k2 v", "SETEX k 100 v", "PSETEX k 100000 v", "SET k v KEEPTTL", "GETSET k v",
                "GETDEL k", "GETDEL k", "SET k v", "GETEX k", "GETEX k EX 100", "GETEX k PERSIST", "GETEX k PERSIST",
                "GETEX nokey EX 10", "GETEX k PXAT 1", "EXISTS k", "MSET a 1 b 2 c 3", "MSET a 1 a 2 a 3",
                "MSETNX x 1 y 2", "MSETNX x 1 z 2", "MSETNX q 1 q 2", "MSET a", "GET a", "MGET a b", "STRLEN a",
                "LCS a b", "SET k v EXAT 1", "EXISTS k", "SET k v PXAT 1 GET", "SET k v", "SET k v PXAT 1 GET",
                "SETEX k 0 v", "PSETEX k -1 v");
    }

    @Test
    void appendSetrangeAndIncrementsCountAsRedis() {
        counts("SET k v", "APPEND k xx", "APPEND k ''", "APPEND nokey ''", "APPEND nokey2 a", "SETRANGE k 0 ''",
                "SETRANGE nokey3 0 ''", "SETRANGE nokey3 5 ''", "SETRANGE k 1 zz", "SETRANGE k 1 zz",
                "SETRANGE nokey4 2 ab", "INCR i", "INCRBY i 5", "DECR i", "DECRBY i 0", "INCRBYFLOAT f 1.5",
                "INCRBYFLOAT f 0", "INCRBYFLOAT f abc", "INCR k", "SET big 9223372036854775807", "INCR big",
                "SET k v", "RPUSH l a", "APPEND l x", "SET l v GET");
    }

    @Test
    void setbitCountsOnlyWhenTheStringGrowsOrTheBitFlips() {
        counts("SETBIT b 7 1", "SETBIT b 7 1", "SETBIT b 7 0", "SETBIT b 7 0", "SETBIT b 100 0", "SETBIT b 100 0",
                "SETBIT nokey 0 0", "SETBIT b 3 2", "GETBIT b 7", "BITCOUNT b", "BITPOS b 1");
    }

    @Test
    void bitfieldCountsTheWritesThatChangedAValue() {
        counts("BITFIELD bf SET u8 0 1", "BITFIELD bf SET u8 0 1", "BITFIELD bf SET u8 0 1 SET u8 8 2 INCRBY u8 0 0",
                "BITFIELD bf GET u8 0", "BITFIELD bf INCRBY u8 0 1 INCRBY u8 0 1", "BITFIELD bf INCRBY u8 0 0",
                "BITFIELD bf OVERFLOW FAIL INCRBY u8 0 300", "BITFIELD bf SET u8 0 2 SET u8 0 2",
                "BITFIELD bf OVERFLOW FAIL INCRBY u8 0 300 SET u8 0 5", "BITFIELD bf OVERFLOW SAT INCRBY u8 0 300",
                "BITFIELD bf OVERFLOW SAT INCRBY u8 0 300", "BITFIELD bf SET i8 0 -1 SET i8 0 -1",
                "BITFIELD bf SET u8 100 0", "BITFIELD new GET u8 0 SET u8 0 0", "BITFIELD new2 OVERFLOW FAIL INCRBY u8 0 300",
                "EXISTS new2", "BITFIELD nokey GET u8 0", "BITFIELD_RO bf GET u8 0", "BITFIELD bf SET u8 0");
    }

    @Test
    void bitopCountsTheStoreOrTheDeletedDestination() {
        counts("SET a abc", "SET b xyz", "BITOP AND d a b", "BITOP OR d a", "BITOP NOT d a", "BITOP XOR d a b nokey",
                "BITOP AND d2 nokey1 nokey2", "BITOP AND d2 nokey1 nokey2", "SET d2 x", "BITOP AND d2 nokey1 nokey2",
                "BITOP NOT d a b");
    }

    // ---- HyperLogLog

    @Test
    void pfaddCountsTheNewKeyAndEachRegisterRaised() {
        counts("PFADD p a b c", "PFADD p a", "PFADD p", "PFADD p2", "PFADD p2", "PFADD p d",
                "PFADD p3 1 2 3 4 5 6 7 8 9 10", "PFCOUNT p", "PFCOUNT p", "PFADD p e", "PFCOUNT p", "PFCOUNT p p2",
                "PFCOUNT nokey", "PFMERGE p4 p p2", "PFMERGE p4 p", "PFMERGE p5", "PFMERGE p5 p5",
                "SET s abc", "PFADD s a", "PFCOUNT s");
    }

    @Test
    void pfdebugCountsAnEncodingChange() {
        counts("PFADD p a b c", "PFDEBUG ENCODING p", "PFDEBUG GETREG p", "PFDEBUG GETREG p", "PFADD p2 a",
                "PFDEBUG TODENSE p2", "PFDEBUG TODENSE p2", "PFDEBUG DECODE p2");
    }

    // ---- keys and databases

    @Test
    void keyCommandsCountOncePerKeyChanged() {
        counts("MSET a 1 b 2 c 3", "DEL a b nokey a", "DEL nokey", "SET a 1", "UNLINK a a c", "TOUCH a nokey",
                "SET k v", "EXPIRE k 100", "EXPIRE k 100", "EXPIRE k 100 NX", "EXPIRE k 200 GT", "EXPIRE k 50 GT",
                "PEXPIRE k 100000", "EXPIREAT k 4102444800", "PEXPIREAT k 4102444800000", "PERSIST k", "PERSIST k",
                "EXPIRE nokey 10", "PERSIST nokey", "EXPIRE k 0", "EXISTS k", "SET k v", "EXPIRE k -1",
                "SET k v", "PEXPIREAT k 1", "SET k v", "EXPIRE k abc", "TTL k", "TYPE k", "RANDOMKEY");
    }

    @Test
    void renameMoveAndCopyCountOnce() {
        counts("SET k v", "RENAME k k2", "RENAME k2 k2", "SET k v", "RENAME k k2", "RENAME nokey k3",
                "SET k v", "RENAMENX k k2", "RENAMENX k k3", "RENAMENX k3 k3",
                "SET m v", "MOVE m 2", "MOVE m 2", "SET m v", "MOVE m 2", "MOVE m 0",
                "SET s v", "COPY s s2", "COPY s s2", "COPY s s2 REPLACE", "COPY s s2 DB 3", "COPY s s2 DB 3 REPLACE",
                "COPY nokey s9", "COPY s s", "SET e v EX 100", "COPY e e2", "RENAME e e3", "MOVE e3 4");
    }

    @Test
    void swapdbCountsOnceEvenForOneDatabase() {
        counts("SET a 1", "SWAPDB 0 1", "SWAPDB 0 1", "SWAPDB 0 0", "SWAPDB 3 4", "SWAPDB 0 99", "SWAPDB a 1");
    }

    @Test
    void flushesCountTheKeysTheyRemove() {
        counts("MSET a 1 b 2 c 3", "FLUSHDB", "FLUSHDB", "MSET a 1 b 2", "SELECT 5", "SET x 1", "FLUSHALL",
                "FLUSHALL", "MSET a 1 b 2 c 3", "FLUSHALL ASYNC", "MSET a 1 b 2", "FLUSHDB SYNC", "FLUSHDB x",
                "SELECT 0");
    }

    @Test
    void restoreCountsOnceAndDumpNothing() {
        counts("SET k v", "RPUSH l a b c");
        byte[] rk = RespArrays.bulks(arrayOf(r.call("DUMP k"))).get(0);
        byte[] ck = RespArrays.bulks(arrayOf(c.call("DUMP k"))).get(0);
        restore(rk, ck, "RESTORE", "rk", "0");
        restore(rk, ck, "RESTORE", "rk", "0");
        restore(rk, ck, "RESTORE", "rk", "0", "REPLACE");
        restore(rk, ck, "RESTORE", "rk3", "1", "ABSTTL");
        restore(rk, ck, "RESTORE", "rk", "1", "ABSTTL", "REPLACE");
        restore(rk, ck, "RESTORE", "rk", "100000", "REPLACE", "IDLETIME", "10");
        counts("EXISTS rk rk3", "RESTORE rk 0 garbage REPLACE", "DUMP nokey");
    }

    /** A bulk reply as a one-element array, for {@link RespArrays#bulks}. */
    private static byte[] arrayOf(byte[] bulk) {
        byte[] out = new byte[bulk.length + 4];
        System.arraycopy("*1\r\n".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 4);
        System.arraycopy(bulk, 0, out, 4, bulk.length);
        return out;
    }

    /** {@code RESTORE} with each server's own {@code DUMP} payload inserted after the TTL. */
    private void restore(byte[] redisPayload, byte[] cinnabarPayload, String... args) {
        countsArgs(String.join(" ", args), withPayload(args, redisPayload), withPayload(args, cinnabarPayload), true);
    }

    private static byte[][] withPayload(String[] args, byte[] payload) {
        byte[][] out = new byte[args.length + 1][];
        for (int i = 0, j = 0; i < args.length; i++) {
            out[j++] = bytes(args[i]);
            if (i == 2) {
                out[j++] = payload;
            }
        }
        return out;
    }

    // ---- expiry

    @Test
    void keysFoundExpiredCountNothing() {
        counts("DEBUG SET-ACTIVE-EXPIRE 0", "SET k v PX 1", "SET k2 v PX 1", "SET k3 v PX 1", "RPUSH l a", "PEXPIRE l 1", "SET k4 v PX 1", "SET k5 v PX 1", "HSET h f v", "PEXPIRE h 1");
        pause(20);
        counts("GET k", "EXISTS k2", "SET k3 v", "RPUSH l b", "DEL k4", "EXPIRE k5 100", "HDEL h f", "DBSIZE",
                "DEBUG SET-ACTIVE-EXPIRE 1");
    }

    @Test
    void activeExpiryCountsNothing() {
        for (int i = 0; i < 50; i++) {
            counts("SET e" + i + " v PX 1");
        }
        long r0 = changes(rInfo);
        long c0 = changes(cInfo);
        long deadline = System.currentTimeMillis() + 5000;
        while (!(new String(r.call("DBSIZE"), StandardCharsets.US_ASCII).equals(":0\r\n")
                && new String(c.call("DBSIZE"), StandardCharsets.US_ASCII).equals(":0\r\n"))) {
            assertTrue(System.currentTimeMillis() < deadline, "keys expired by the active cycle");
            pause(20);
        }
        assertEquals(changes(rInfo) - r0, changes(cInfo) - c0, "changes counted by the active expiry cycle");
    }

    // ---- transactions and scripts

    @Test
    void execCountsWhatItsCommandsCount() {
        counts("MULTI", "RPUSH l a b c", "SADD s a b", "HSET h a 1 b 2", "SETBIT b 0 0", "EXEC");
        counts("MULTI", "SET k v", "INCR k", "LPUSH l x", "EXEC");
        counts("MULTI", "RPUSH l a", "NOSUCHCOMMAND", "EXEC");
        counts("MULTI", "EXEC");
        counts("MULTI", "MSET a 1 b 2", "FLUSHALL", "ZADD z 1 a 2 b", "DISCARD");
        counts("MULTI", "MSET a 1 b 2", "FLUSHALL", "ZADD z 1 a 2 b", "EXEC");
        counts("WATCH k", "MULTI", "SET k y");
        try (RawConnection ro = redisServer().connect(); RawConnection co = cinnabarServer().connect()) {
            sameOn(ro, co, "SET k x");
        }
        counts("EXEC");
    }

    @Test
    void scriptsCountWhatTheirCommandsCount() {
        counts("EVAL \"redis.call('rpush', KEYS[1], 'a', 'b', 'c'); redis.call('hset', 'h', 'f1', 1, 'f2', 2); return 1\" 1 l",
                "EVAL \"return redis.call('lrange', KEYS[1], 0, -1)\" 1 l",
                "EVAL \"redis.call('set', 'k', 'v'); return redis.call('incr', 'k')\" 0",
                "EVAL \"redis.pcall('sadd', 's', 'a', 'b'); return redis.pcall('incr', 'k')\" 0",
                "EVAL \"redis.call('setbit', 'b', 0, 0); redis.call('setbit', 'b', 0, 0); return 1\" 0",
                "EVAL \"redis.call('rpush', 'src', 'x'); return redis.call('lmove', 'src', 'dst', 'LEFT', 'LEFT')\" 0",
                "EVAL \"return redis.call('del', 'nokey')\" 0",
                "EVAL_RO \"return redis.call('get', 'k')\" 0",
                "EVAL \"return redis.call('nosuchcommand')\" 0");
    }

    @Test
    void functionsCountTheirLibraryChangesAndTheirCommands() {
        String lib = "\"#!lua name=lib\\nredis.register_function('f', function(keys, args) "
                + "return redis.call('sadd', keys[1], 'a', 'b', 'c') end)\"";
        counts("FUNCTION LOAD " + lib, "FUNCTION LOAD " + lib, "FUNCTION LOAD REPLACE " + lib, "FCALL f 1 fs",
                "FCALL f 1 fs", "FCALL_RO f 1 fs");
        byte[] rd = RespArrays.bulks(arrayOf(r.call("FUNCTION DUMP"))).get(0);
        byte[] cd = RespArrays.bulks(arrayOf(c.call("FUNCTION DUMP"))).get(0);
        counts("FUNCTION DELETE lib", "FUNCTION DELETE lib");
        countsArgs("FUNCTION RESTORE", functionRestore(rd), functionRestore(cd), true);
        countsArgs("FUNCTION RESTORE", functionRestore(rd), functionRestore(cd), true);
        countsArgs("FUNCTION RESTORE REPLACE", functionRestore(rd, "REPLACE"), functionRestore(cd, "REPLACE"), true);
        counts("FUNCTION FLUSH", "FUNCTION FLUSH", "FUNCTION LOAD \"#!lua name=empty\\nreturn 1\"");
    }

    private static byte[][] functionRestore(byte[] payload, String... policy) {
        byte[][] out = new byte[3 + policy.length][];
        out[0] = bytes("FUNCTION");
        out[1] = bytes("RESTORE");
        out[2] = payload;
        for (int i = 0; i < policy.length; i++) {
            out[3 + i] = bytes(policy[i]);
        }
        return out;
    }

    // ---- errors and the rest

    @Test
    void refusedCommandsCountNothing() {
        counts("SET str v", "LPUSH str a", "SADD str a", "HSET str a 1", "ZADD str 1 a", "PFADD str a",
                "RPUSH list a", "INCR list", "APPEND list x", "SETBIT list 0 1", "BITFIELD list SET u8 0 1",
                "RPUSH", "SADD s", "ZADD z 1", "HSET h a", "SETBIT b -1 1", "LPOP list -1", "SPOP list 1");
    }

    @Test
    void debugPopulateCountsNothingAndReloadLeavesNothingUnsaved() {
        counts("DEBUG POPULATE 10", "DEBUG POPULATE 10", "DEBUG POPULATE 5 other 3", "DBSIZE");
        sameCounterAfter("DEBUG RELOAD");
        counts("SET k v", "RPUSH l a b");
        sameCounterAfter("SAVE");
    }

    @Test
    void flushallWithSavePointsLeavesNothingUnsaved() {
        try (ServerPair pair = ServerPair.start("--save", "3600 100");
             RawConnection rs = pair.redis.connect(); RawConnection cs = pair.cinnabar.connect();
             RawConnection ri = pair.redis.connect(); RawConnection ci = pair.cinnabar.connect()) {
            for (String line : new String[] {"SET a 1", "RPUSH l a b c", "FLUSHALL", "SET b 2", "MULTI", "SET c 3",
                    "FLUSHALL", "SADD s a b", "EXEC"}) {
                sameOn(rs, cs, line);
                assertEquals(changes(ri), changes(ci), "changes since the last save after " + line);
            }
        }
    }
}
