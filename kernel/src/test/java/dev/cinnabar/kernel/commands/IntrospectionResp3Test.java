package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.keyspace.GlobMatcher;
import dev.cinnabar.kernel.command.CommandTable;
import dev.cinnabar.kernel.command.RedisCommandReference;
import dev.cinnabar.kernel.command.RegisteredCommand;
import dev.cinnabar.kernel.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RESP3 shapes of the introspection replies, written through the network sink with protocol 3. */
class IntrospectionResp3Test {

    private static String write(int protocol, java.util.function.Consumer<RespWriter> body) {
        ByteBuf buf = Unpooled.buffer();
        RespWriter w = new RespWriter(text -> { });
        w.target(buf);
        w.protocol(protocol);
        body.accept(w);
        String s = buf.toString(StandardCharsets.ISO_8859_1).replace("\r\n", " ").trim();
        buf.release();
        return s;
    }

    @Test
    void commandInfoOfGetUsesSetsAndMapsInResp3() {
        CommandTable t = new CommandTable(RedisCommandReference.load());
        RegisteredCommand get = t.registerRedis("get", (ctx, args, reply) -> { }, "test");
        assertEquals("*10 $3 get :2 ~2 +readonly +fast :1 :1 :1 ~3 +@read +@string +@fast ~0 "
                + "~1 %3 $5 flags ~2 +RO +access $12 begin_search %2 $4 type $5 index $4 spec %1 $5 index :1 "
                + "$9 find_keys %2 $4 type $5 range $4 spec %3 $7 lastkey :0 $7 keystep :1 $5 limit :0 ~0",
                write(3, w -> CommandCommands.writeInfo(w, get)));
        assertEquals("*10 $3 get :2 *2 +readonly +fast :1 :1 :1 *3 +@read +@string +@fast *0 "
                + "*1 *6 $5 flags *2 +RO +access $12 begin_search *4 $4 type $5 index $4 spec *2 $5 index :1 "
                + "$9 find_keys *4 $4 type $5 range $4 spec *6 $7 lastkey :0 $7 keystep :1 $5 limit :0 *0",
                write(2, w -> CommandCommands.writeInfo(w, get)));
    }

    @Test
    void containerListsOnlyRegisteredSubcommands() {
        CommandTable t = new CommandTable(RedisCommandReference.load());
        t.registerRedis("config|get", (ctx, args, reply) -> { }, "test");
        String info = write(3, w -> CommandCommands.writeInfo(w, t.lookup("config")));
        assertTrue(info.contains("config|get"), info);
        assertFalse(info.contains("config|set"), info);
    }

    @Test
    void debugProtocolWritesEveryResp3Type() {
        assertEquals("%3 :0 #f :1 #t :2 #f", write(3, w -> DebugProtocol.write("map", w)));
        assertEquals("~3 :0 :1 :2", write(3, w -> DebugProtocol.write("set", w)));
        assertEquals(",3.141", write(3, w -> DebugProtocol.write("double", w)));
        assertEquals("(1234567999999999999999999999999999999", write(3, w -> DebugProtocol.write("bignum", w)));
        assertEquals("_", write(3, w -> DebugProtocol.write("null", w)));
        assertEquals("#t", write(3, w -> DebugProtocol.write("true", w)));
        assertEquals("=29 txt:This is a verbatim\nstring", write(3, w -> DebugProtocol.write("verbatim", w)));
        assertEquals("|1 $14 key-popularity *2 $7 key:123 :90 $39 Some real reply following the attribute",
                write(3, w -> DebugProtocol.write("attrib", w)));
        assertEquals(">2 $16 server-cpu-usage :42 $40 Some real reply following the push reply",
                write(3, w -> DebugProtocol.write("push", w)));
    }

    @Test
    void globMatchingFollowsStringmatchlen() {
        assertTrue(GlobMatcher.matches(latin1("hash-max-*"), latin1("HASH-MAX-ZIPLIST-VALUE"), true));
        assertFalse(GlobMatcher.matches(latin1("hash-max-*"), latin1("HASH-MAX-ZIPLIST-VALUE"), false));
        assertTrue(GlobMatcher.matches(latin1("h[e-a]llo"), latin1("hallo"), false));
        assertTrue(GlobMatcher.matches(latin1("h\\*llo"), latin1("h*llo"), false));
        assertFalse(GlobMatcher.matches(latin1("h\\*llo"), latin1("hello"), false));
        assertTrue(GlobMatcher.matches(latin1("h[^x]llo"), latin1("hello"), false));
        assertFalse(GlobMatcher.matches(latin1("**"), latin1(""), false));
        assertTrue(GlobMatcher.matches(latin1("a?c"), latin1("abc"), false));
    }

    @Test
    void humanSizesMatchBytesToHuman() {
        assertEquals("1000B", InfoCommand.human(1000));
        assertEquals("1.00K", InfoCommand.human(1024));
        assertEquals("1.50M", InfoCommand.human(1024 * 1024 * 3 / 2));
    }

    private static byte[] latin1(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
