package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CLIENT subcommands, compared with Redis after normalizing ids, addresses and timings. */
class ClientCommandDifferentialTest extends DifferentialTest {

    /** Hides what legitimately differs in CLIENT LIST/INFO lines: ids, addresses, fds, ages, lengths. */
    static String clientLine(String reply) {
        return reply.replaceAll("^([$=])\\d+", "$1LEN")
                .replaceAll("id=\\d+", "id=ID")
                .replaceAll("addr=[0-9.:]+", "addr=ADDR")
                .replaceAll("fd=\\d+", "fd=FD")
                .replaceAll("age=\\d+", "age=AGE")
                .replaceAll("idle=\\d+", "idle=IDLE")
                .replaceAll("rbs=\\d+ rbp=\\d+", "rbs=RBS rbp=RBP")
                .replaceAll("tot-mem=\\d+", "tot-mem=TOT");
    }

    @Test
    void idNameAndInfo() {
        same("CLIENT GETNAME");
        same("CLIENT SETNAME my-conn");
        same("CLIENT GETNAME");
        same("CLIENT SETNAME \"with space\"");
        same("CLIENT SETNAME \"nl\\n\"");
        same("CLIENT SETNAME \"\\xc3\\xa9\"");
        same("CLIENT GETNAME");
        same("CLIENT SETNAME ''");
        same("CLIENT GETNAME");
        same("CLIENT SETNAME");
        same("CLIENT GETNAME x");
        same("CLIENT ID x");
        sameAfter("CLIENT INFO", ClientCommandDifferentialTest::clientLine);
        both("CLIENT SETNAME n1");
        sameAfter("CLIENT INFO", ClientCommandDifferentialTest::clientLine);
        both("HELLO 3");
        sameAfter("CLIENT INFO", ClientCommandDifferentialTest::clientLine);
    }

    @Test
    void clientIdIsTheHelloId() {
        for (RawConnection conn : new RawConnection[] {r, c}) {
            String id = Replies.show(conn.call("CLIENT ID"));
            Matcher m = Pattern.compile("id\\\\r\\\\n:(\\d+)").matcher(Replies.show(conn.call("HELLO")));
            assertTrue(m.find());
            assertEquals(":" + m.group(1) + "\\r\\n", id);
        }
    }

    @Test
    void listFiltersAndErrors() {
        sameAfter("CLIENT LIST", ClientCommandDifferentialTest::clientLine);
        sameAfter("CLIENT LIST TYPE normal", ClientCommandDifferentialTest::clientLine);
        same("CLIENT LIST TYPE master");
        same("CLIENT LIST TYPE replica");
        same("CLIENT LIST TYPE slave");
        same("CLIENT LIST TYPE pubsub");
        same("CLIENT LIST TYPE foo");
        same("CLIENT LIST ID x");
        same("CLIENT LIST ID 999999 x");
        same("CLIENT LIST ID 999999");
        same("CLIENT LIST ID");
        same("CLIENT LIST foo");
        same("CLIENT LIST TYPE normal extra");
        String mine = Replies.show(r.call("CLIENT ID")).replaceAll("[^0-9]", "");
        String mineC = Replies.show(c.call("CLIENT ID")).replaceAll("[^0-9]", "");
        String expected = clientLine(Replies.show(r.call(String.join(" ", "CLIENT", "LIST", "ID", mine, mine))));
        String actual = clientLine(Replies.show(c.call(String.join(" ", "CLIENT", "LIST", "ID", mineC, mineC))));
        assertEquals(expected, actual);
    }

    @Test
    void killErrorsMatchRedis() {
        same("CLIENT KILL 1.2.3.4:5");
        same("CLIENT KILL id");
        same("CLIENT KILL ID 0");
        same("CLIENT KILL ID -3");
        same("CLIENT KILL ID x");
        same("CLIENT KILL USER nobody");
        same("CLIENT KILL ADDR 1.1.1.1:1");
        same("CLIENT KILL LADDR 1.1.1.1:1");
        same("CLIENT KILL foo bar");
        same("CLIENT KILL ID 5 SKIPME");
        same("CLIENT KILL SKIPME maybe");
        same("CLIENT KILL TYPE foo");
        same("CLIENT KILL TYPE master");
        same("CLIENT KILL USER default");
        same("CLIENT KILL TYPE normal SKIPME yes");
        same("CLIENT KILL");
    }

    @Test
    void killClosesOtherConnectionsAndTheCallerWhenAsked() {
        try (RawConnection r2 = redisServer().connect(); RawConnection c2 = cinnabarServer().connect()) {
            String rid = Replies.show(r2.call("CLIENT ID")).replaceAll("[^0-9]", "");
            String cid = Replies.show(c2.call("CLIENT ID")).replaceAll("[^0-9]", "");
            assertEquals(Replies.show(r.call("CLIENT KILL ID " + rid)), Replies.show(c.call("CLIENT KILL ID " + cid)));
            assertTrue(r2.closedByServer(2000));
            assertTrue(c2.closedByServer(2000));
        }
        try (RawConnection r2 = redisServer().connect(); RawConnection c2 = cinnabarServer().connect()) {
            String raddr = addr(r2);
            String caddr = addr(c2);
            assertEquals(Replies.show(r.call("CLIENT KILL " + raddr)), Replies.show(c.call("CLIENT KILL " + caddr)));
            assertTrue(c2.closedByServer(2000));
        }
        // the old form may kill the caller; the new form skips it unless SKIPME no
        String myAddr = addr(c);
        assertEquals("+OK\\r\\n", Replies.show(c.call(String.join(" ", "CLIENT", "KILL", myAddr))));
        assertTrue(c.closedByServer(2000));
        c = cinnabarServer().connect();
        String mine = Replies.show(c.call("CLIENT ID")).replaceAll("[^0-9]", "");
        assertEquals(":0\\r\\n", Replies.show(c.call(String.join(" ", "CLIENT", "KILL", "ID", mine))));
        assertEquals(":1\\r\\n", Replies.show(c.call(String.join(" ", "CLIENT", "KILL", "ID", mine, "SKIPME", "no"))));
        assertTrue(c.closedByServer(2000));
        c = cinnabarServer().connect();
    }

    private static String addr(RawConnection conn) {
        Matcher m = Pattern.compile(" addr=([0-9.:]+)").matcher(Replies.show(conn.call("CLIENT INFO")));
        assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void noEvictHelpAndUnknownSubcommands() {
        same("CLIENT NO-EVICT on");
        same("CLIENT NO-EVICT OFF");
        same("CLIENT NO-EVICT maybe");
        same("CLIENT HELP");
        same("CLIENT SETINFO lib-name x");
        same("CLIENT");
        same("CLIENT NOSUCH");
        both("HELLO 3");
        same("CLIENT HELP");
    }
}
