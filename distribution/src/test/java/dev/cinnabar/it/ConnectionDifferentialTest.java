package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** HELLO, AUTH without a password, RESET and CLIENT REPLY, compared byte for byte with Redis. */
class ConnectionDifferentialTest extends DifferentialTest {

    private static String ids(String reply) {
        return reply.replaceAll("\\$2\\\\r\\\\nid\\\\r\\\\n:\\d+", "\\$2\\\\r\\\\nid\\\\r\\\\n:ID");
    }

    @Test
    void helloSwitchesProtocolBeforeReplying() {
        sameAfter("HELLO", ConnectionDifferentialTest::ids);
        sameAfter("HELLO 3", ConnectionDifferentialTest::ids);
        same("CLIENT GETNAME");
        same("PING");
        sameAfter("HELLO 2", ConnectionDifferentialTest::ids);
        same("CLIENT GETNAME");
    }

    @Test
    void helloErrorsMatchRedis() {
        same("HELLO 4");
        same("HELLO 1");
        same("HELLO 0");
        same("HELLO x");
        same("HELLO 3 AUTH default");
        same("HELLO 3 auth");
        same("HELLO 3 SETNAME");
        same("HELLO 3 foo");
        same("HELLO 3 SETNAME \"a b\"");
        same("PING");
    }

    @Test
    void helloSetnameAndAuthWithoutPassword() {
        sameAfter("HELLO 3 SETNAME conn-1", ConnectionDifferentialTest::ids);
        same("CLIENT GETNAME");
        sameAfter("HELLO 2 AUTH default anything", ConnectionDifferentialTest::ids);
        same("HELLO 3 AUTH nosuchuser pw");
        sameAfter("hello 2 setname other auth default x", ConnectionDifferentialTest::ids);
        same("CLIENT GETNAME");
    }

    @Test
    void authWithoutConfiguredPassword() {
        same("AUTH pw");
        same("AUTH default pw");
        same("AUTH other pw");
        same("AUTH a b c");
        same("AUTH");
    }

    @Test
    void resetRestoresConnectionDefaults() {
        both("HELLO 3");
        same("SELECT 3");
        same("CLIENT SETNAME named");
        same("CLIENT NO-EVICT on");
        same("RESET");
        same("CLIENT GETNAME");
        same("PING");
        sameAfter("CLIENT INFO", ClientCommandDifferentialTest::clientLine);
    }

    @Test
    void clientReplyOffSkipAndOn() {
        same("CLIENT REPLY bad");
        // no reply to SKIP, the next command, or anything while OFF; ON answers +OK
        sendBoth("CLIENT REPLY SKIP");
        sendBoth("PING skipped");
        same("PING after-skip");
        sendBoth("CLIENT REPLY OFF");
        sendBoth("PING off");
        sendBoth("CLIENT REPLY SKIP");
        sendBoth("ECHO off");
        same("CLIENT REPLY ON");
        same("PING");
        sendBoth("CLIENT REPLY OFF");
        same("RESET");
        same("PING");
        assertFalse(c.hasReplyWithin(100));
    }

    private void sendBoth(String line) {
        byte[] req = RawConnection.encode(RawConnection.split(line));
        r.write(req);
        c.write(req);
    }
}
