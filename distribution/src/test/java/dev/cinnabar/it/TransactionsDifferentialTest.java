package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MULTI/EXEC/DISCARD/WATCH/UNWATCH against the real Redis, byte for byte (server.md §1.3, §5). */
class TransactionsDifferentialTest extends DifferentialTest {

    /** A second connection to each server, to touch keys the first one watches. */
    private void fromOtherClient(String... lines) {
        try (RawConnection r2 = redisServer().connect(); RawConnection c2 = cinnabarServer().connect()) {
            for (String line : lines) {
                assertEquals(Replies.show(r2.call(line)), Replies.show(c2.call(line)), "other client: " + line);
            }
        }
    }

    private void protocols(Runnable session) {
        session.run();
        both("HELLO 3");
        session.run();
    }

    @Test
    void queuedCommandsRunAtExecWithTheirOwnReplies() {
        protocols(() -> {
            same("MULTI");
            same("SET k 1");
            same("INCR k");
            same("GET k");
            same("HSET h f v");
            same("LRANGE h 0 -1");
            same("EXEC");
            same("DEL k h");
        });
    }

    @Test
    void emptyTransactionIsAnEmptyArray() {
        protocols(() -> {
            same("MULTI");
            same("EXEC");
        });
    }

    @Test
    void errorsDuringExecAreRepliesInTheArrayAndExecutionContinues() {
        protocols(() -> {
            same("SET s text");
            same("MULTI");
            same("INCR s");
            same("LPUSH s x");
            same("SET t 2");
            same("INCRBYFLOAT t notanumber");
            same("GET t");
            same("EXEC");
            same("GET t");
        });
    }

    @Test
    void refusedCommandsAbortTheTransaction() {
        protocols(() -> {
            same("MULTI");
            same("SET a 1");
            same("NOSUCHCOMMAND x y");
            same("SET b 2");
            same("EXEC");
            same("EXISTS a b");
            same("MULTI");
            same("SET a");
            same("EXEC");
            same("MULTI");
            same("CONFIG NOSUCHSUB");
            same("EXEC");
            same("MULTI");
            same("OBJECT");
            same("EXEC");
            same("EXISTS a b");
        });
    }

    @Test
    void transactionControlErrorsHaveRedisTexts() {
        protocols(() -> {
            same("EXEC");
            same("DISCARD");
            same("MULTI");
            same("MULTI");
            same("WATCH x");
            same("SET x 1");
            same("EXEC"); // nested MULTI and WATCH are errors of their own, not refusals
            same("GET x");
            same("MULTI");
            same("SHUTDOWN");
            same("EXEC");
            same("MULTI");
            same("SET y 1");
            same("DISCARD");
            same("GET y");
            same("DISCARD");
        });
    }

    @Test
    void noMultiCommandsAreRefusedInsideMulti() {
        same("MULTI");
        same("SHUTDOWN");
        same("SHUTDOWN NOSAVE");
        same("PING");
        same("EXEC");
    }

    @Test
    void unwatchAndUnwatchInsideMultiAreQueued() {
        protocols(() -> {
            same("WATCH k");
            same("UNWATCH");
            same("SET k 1");
            same("MULTI");
            same("UNWATCH");
            same("PING");
            same("EXEC");
        });
    }

    @Test
    void writeFromAnotherClientMakesExecFail() {
        protocols(() -> {
            same("SET k 1");
            same("WATCH k");
            fromOtherClient("SET k 2");
            same("MULTI");
            same("INCR k");
            same("EXEC");
            same("GET k");
        });
    }

    @Test
    void writeAfterMultiFromAnotherClientMakesExecFail() {
        same("WATCH k other");
        same("MULTI");
        same("SET k mine");
        fromOtherClient("SET other theirs");
        same("EXEC");
        same("GET k");
    }

    @Test
    void ownWriteBeforeMultiMakesExecFail() {
        protocols(() -> {
            same("WATCH k");
            same("SET k 1");
            same("MULTI");
            same("PING");
            same("EXEC");
        });
    }

    @Test
    void readsAndUntouchedKeysDoNotMakeExecFail() {
        same("SET k 1");
        same("WATCH k missing");
        same("GET k");
        fromOtherClient("GET k", "EXISTS missing", "SET unrelated 1", "DEL missing");
        same("MULTI");
        same("INCR k");
        same("EXEC");
    }

    @Test
    void deletesAndOtherWritesFromAnotherClientMakeExecFail() {
        for (String write : new String[] {"DEL k", "EXPIRE k 100", "RENAME k k2", "APPEND k x", "RPUSH missing x"}) {
            both("DEL k k2 missing");
            same("SET k v");
            same("WATCH k missing");
            fromOtherClient(write);
            same("MULTI");
            same("PING");
            same("EXEC");
        }
    }

    @Test
    void sameKeyInAnotherDatabaseDoesNotTouchTheWatch() {
        same("WATCH k");
        fromOtherClient("SELECT 1", "SET k 1");
        same("MULTI");
        same("PING");
        same("EXEC");
    }

    @Test
    void flushTouchesOnlyWatchedKeysThatExisted() {
        for (String flush : new String[] {"FLUSHALL", "FLUSHDB"}) {
            same("WATCH nothere");
            fromOtherClient(flush);
            same("MULTI");
            same("PING");
            same("EXEC");
            same("SET here 1");
            same("WATCH here");
            fromOtherClient(flush);
            same("MULTI");
            same("PING");
            same("EXEC");
        }
    }

    @Test
    void swapdbTouchesKeysThatExistOnEitherSide() {
        same("WATCH nowhere");
        fromOtherClient("SWAPDB 0 1");
        same("MULTI");
        same("PING");
        same("EXEC");
        fromOtherClient("SELECT 1", "SET incoming 1");
        same("WATCH incoming");
        fromOtherClient("SWAPDB 0 1");
        same("MULTI");
        same("PING");
        same("EXEC");
        both("FLUSHALL");
        same("SET leaving 1");
        same("WATCH leaving");
        fromOtherClient("SWAPDB 1 0");
        same("MULTI");
        same("PING");
        same("EXEC");
    }

    @Test
    void watchedKeyThatExpiresBeforeExecMakesItFail() {
        protocols(() -> {
            both("DEBUG SET-ACTIVE-EXPIRE 0");
            same("SET k v PX 100");
            same("WATCH k");
            pause(200);
            same("MULTI");
            same("PING");
            same("EXEC");
            both("DEBUG SET-ACTIVE-EXPIRE 1");
        });
    }

    @Test
    void watchedKeyDeletedByActiveExpiryMakesExecFail() {
        same("SET k v PX 50");
        same("WATCH k");
        pause(1200); // the active expire cycle reclaims it
        same("MULTI");
        same("PING");
        same("EXEC");
    }

    @Test
    void keyAlreadyExpiredAtWatchTimeIsMissingNotChanged() {
        both("DEBUG SET-ACTIVE-EXPIRE 0");
        try {
            same("SET k v PX 10");
            pause(50);
            same("WATCH k");
            same("GET k"); // lazily deletes it: logically no change
            same("MULTI");
            same("PING");
            same("EXEC");
            same("SET k2 v PX 10");
            pause(50);
            same("WATCH k2");
            fromOtherClient("FLUSHALL");
            same("MULTI");
            same("PING");
            same("EXEC");
            same("SET k3 v PX 10");
            pause(50);
            same("WATCH k3");
            fromOtherClient("SET k3 new");
            same("MULTI");
            same("PING");
            same("EXEC");
        } finally {
            both("DEBUG SET-ACTIVE-EXPIRE 1");
        }
    }

    @Test
    void execDiscardAndUnwatchForgetTheWatches() {
        same("WATCH k");
        same("MULTI");
        same("EXEC");
        fromOtherClient("SET k 1");
        same("MULTI");
        same("PING");
        same("EXEC");
        same("WATCH k");
        same("MULTI");
        same("DISCARD");
        fromOtherClient("SET k 2");
        same("MULTI");
        same("PING");
        same("EXEC");
        same("WATCH k");
        fromOtherClient("SET k 3");
        same("UNWATCH");
        same("MULTI");
        same("PING");
        same("EXEC");
    }

    @Test
    void resetDiscardsTransactionAndWatches() {
        same("WATCH k");
        same("MULTI");
        same("SET k 1");
        same("RESET");
        same("EXEC");
        fromOtherClient("SET k 2");
        same("MULTI");
        same("GET k");
        same("EXEC");
    }

    @Test
    void watchAfterTouchIsStillDirtyAndMultiKeyWatch() {
        same("WATCH a b c a");
        fromOtherClient("SET c 1");
        same("WATCH d");
        same("MULTI");
        same("PING");
        same("EXEC");
        same("WATCH");
    }

    @Test
    void blockingCommandsInsideMultiDoNotBlock() {
        protocols(() -> {
            same("MULTI");
            same("BLPOP empty 0");
            same("BRPOPLPUSH empty other 0");
            same("BLMOVE empty other LEFT RIGHT 0");
            same("RPUSH l a");
            same("BLPOP l 0");
            same("EXEC");
        });
    }

    @Test
    void quitInsideMultiRunsAtOnce() {
        same("MULTI");
        same("SET k 1");
        same("QUIT");
    }

    @Test
    void multiQueuedCountAndFlagsInClientList() {
        same("MULTI");
        same("SET k vvvvvvvv");
        same("GET k");
        assertEquals(clientFields(r.call("EXEC")), clientFields(c.call("EXEC")));
        same("MULTI");
        same("SET k vvvvvvvv");
        same("CLIENT INFO");
        String expected = clientFields(r.call("EXEC"));
        assertEquals(expected, clientFields(c.call("EXEC")));
        assertTrue(expected.contains("flags=x multi=2 ") && expected.endsWith("cmd=exec"), expected);
        same("WATCH k");
        fromOtherClient("SET k 1");
        assertEquals(clientFields(r.call("CLIENT INFO")), clientFields(c.call("CLIENT INFO")));
        same("MULTI");
        same("SET k a");
        same("NOPE");
        same("SET k b"); // not kept once the transaction is lost
        assertEquals(clientFields(r.call("CLIENT INFO")), clientFields(c.call("CLIENT INFO")));
        same("EXEC");
        assertEquals(clientFields(r.call("CLIENT INFO")), clientFields(c.call("CLIENT INFO")));
    }

    /** The transaction fields of each client line in a reply. */
    private static String clientFields(byte[] reply) {
        Matcher m = Pattern.compile("(flags=\\S+) .*?(multi=\\S+) .*?(multi-mem=\\S+) .*?(cmd=\\S+)").matcher(Replies.show(reply));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4));
        }
        return String.join("\n", out);
    }

    @Test
    void commandstatsCountCommandsRunInsideExecAsThemselves() {
        both("CONFIG RESETSTAT");
        same("SET s text");
        same("MULTI");
        same("SET k 1");
        same("INCR s");
        same("PING");
        same("EXEC");
        same("MULTI");
        same("SET k");
        same("NOSUCH");
        same("EXEC");
        same("EXEC");
        same("MULTI");
        same("MULTI");
        same("SHUTDOWN");
        same("DISCARD");
        same("WATCH k");
        fromOtherClient("SET k 2");
        same("MULTI");
        same("EXEC");
        assertEquals(commandstats(r.call("INFO commandstats")), commandstats(c.call("INFO commandstats")));
        assertEquals(stat(r.call("INFO stats"), "total_error_replies"), stat(c.call("INFO stats"), "total_error_replies"));
    }

    /** Each cmdstat line without its timings, sorted. */
    private static List<String> commandstats(byte[] info) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(cmdstat_[^:]+):calls=(\\d+),usec=\\d+,usec_per_call=[\\d.]+,(rejected_calls=\\d+,failed_calls=\\d+)")
                .matcher(new String(info, java.nio.charset.StandardCharsets.ISO_8859_1));
        while (m.find()) {
            if (!m.group(1).equals("cmdstat_config|resetstat") && !m.group(1).equals("cmdstat_info")) {
                out.add(m.group(1) + " calls=" + m.group(2) + " " + m.group(3));
            }
        }
        out.sort(null);
        return out;
    }

    private static String stat(byte[] info, String field) {
        Matcher m = Pattern.compile(field + ":(\\d+)").matcher(new String(info, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(m.find(), field);
        return m.group(1);
    }

    @Test
    void theClockIsFrozenForTheWholeTransaction() {
        // with the clock frozen at EXEC's start, a key set to expire in 1 ms is still there after
        // the sleep (PTTL is left out: Redis 7.0 computes it from the real clock)
        both("DEBUG SET-ACTIVE-EXPIRE 0");
        try {
            same("MULTI");
            same("SET k v PX 1");
            same("DEBUG SLEEP 0.05");
            same("GET k");
            same("EXEC");
            same("GET k");
        } finally {
            both("DEBUG SET-ACTIVE-EXPIRE 1");
        }
    }

    @Test
    void pipelinedTransaction() {
        byte[] req = concat(RawConnection.encode(bytes("MULTI")), RawConnection.encode(bytes("SET"), bytes("p"), bytes("1")),
                RawConnection.encode(bytes("INCR"), bytes("p")), RawConnection.encode(bytes("EXEC")));
        sameRaw(req, 4);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void monitorShowsQueuedCommandsWhenExecRunsThem() {
        try (RawConnection rm = redisServer().connect(); RawConnection cm = cinnabarServer().connect()) {
            assertEquals(Replies.show(rm.call("MONITOR")), Replies.show(cm.call("MONITOR")));
            for (String line : new String[] {"MULTI", "SET foo bar", "GET foo", "EXEC", "MULTI", "SYNTAX ERROR", "EXEC", "PING"}) {
                r.call(line);
                c.call(line);
            }
            // multi, set, get, exec, multi, exec, ping
            for (int i = 0; i < 7; i++) {
                assertEquals(Replies.monitorLine(rm.readReply()), Replies.monitorLine(cm.readReply()), "monitor line " + i);
            }
        }
    }


    @Test
    void disconnectForgetsTheWatches() {
        for (RawConnection conn : new RawConnection[] {r, c}) {
            ServerProcess server = conn == r ? redisServer() : cinnabarServer();
            RawConnection watcher = server.connect();
            watcher.call("WATCH gone");
            watcher.close();
        }
        pause(100);
        same("SET gone 1"); // touching a key whose watcher left must not trip over its watch
        same("WATCH gone");
        same("MULTI");
        same("GET gone");
        same("EXEC");
    }
}
