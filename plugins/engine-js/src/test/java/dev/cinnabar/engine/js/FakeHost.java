package dev.cinnabar.engine.js;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptRun;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A host with a few fake commands, to drive the engine without a server: {@code ECHOARGS} replies its
 * arguments as an array, {@code FAIL} a WRONGTYPE error, {@code STATUS} +OK, {@code NOSUCH} is refused,
 * {@code RESP3} replies a map with a double, a boolean, a set and a null.
 */
final class FakeHost implements ScriptHost {

    String error;
    boolean errorFromCommand;
    final List<String> log = new ArrayList<>();
    Supplier<String> interruption = () -> null;
    int polls;

    @Override
    public void call(byte[][] argv, ReplySink into, int protocol) {
        String name = new String(argv[0], StandardCharsets.ISO_8859_1).toUpperCase();
        switch (name) {
            case "ECHOARGS" -> {
                into.array(argv.length - 1);
                for (int i = 1; i < argv.length; i++) {
                    into.bulk(argv[i]);
                }
            }
            case "FAIL" -> into.error("WRONGTYPE Operation against a key holding the wrong kind of value");
            case "STATUS" -> into.simple("OK");
            case "INT" -> into.integer(42);
            case "RESP3" -> {
                into.map(3);
                into.bulk("d".getBytes());
                into.doubleValue(1.5);
                into.bulk("b".getBytes());
                into.bool(true);
                into.bulk("s".getBytes());
                into.set(1);
                into.bulk("m".getBytes());
            }
            case "NULL" -> into.nullBulk();
            default -> throw new CommandException("ERR Unknown Redis command called from script");
        }
    }

    @Override
    public boolean aclCheck(byte[][] argv) {
        return true;
    }

    @Override
    public void log(int level, String message) {
        log.add(level + " " + message);
    }

    @Override
    public void replicationFlags(int flags) {
    }

    @Override
    public String interruption() {
        polls++;
        return interruption.get();
    }

    @Override
    public void replyError(String text, boolean innerCommand) {
        error = text;
        errorFromCommand = innerCommand;
    }

    @Override
    public void close() {
    }

    /** A run of {@code name} with these keys and arguments, replying into {@code reply}. */
    ScriptRun run(String name, ReplySink reply, List<String> keys, List<String> args) {
        FakeHost host = this;
        return new ScriptRun() {
            @Override
            public List<byte[]> keys() {
                return keys.stream().map(k -> k.getBytes(StandardCharsets.ISO_8859_1)).toList();
            }

            @Override
            public List<byte[]> args() {
                return args.stream().map(k -> k.getBytes(StandardCharsets.ISO_8859_1)).toList();
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public ScriptHost host() {
                return host;
            }

            @Override
            public ReplySink reply() {
                return reply;
            }
        };
    }
}
