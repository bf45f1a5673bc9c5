package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.reply.ReplySink;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** DEBUG PROTOCOL: one sample reply of each RESP type, for client library tests. */
final class DebugProtocol {

    private DebugProtocol() {
    }

    static void write(String type, ReplySink reply) {
        switch (type.toLowerCase(Locale.ROOT)) {
            case "string" -> reply.bulk("Hello World");
            case "integer" -> reply.integer(12345);
            case "double" -> reply.doubleValue(3.141);
            case "bignum" -> reply.bigNumber("1234567999999999999999999999999999999");
            case "null" -> reply.nullBulk();
            case "array" -> {
                reply.array(3);
                for (int i = 0; i < 3; i++) {
                    reply.integer(i);
                }
            }
            case "set" -> {
                reply.set(3);
                for (int i = 0; i < 3; i++) {
                    reply.integer(i);
                }
            }
            case "map" -> {
                reply.map(3);
                for (int i = 0; i < 3; i++) {
                    reply.integer(i);
                    reply.bool(i == 1);
                }
            }
            case "attrib" -> {
                if (reply.protocol() >= 3) {
                    reply.attribute(1);
                    reply.bulk("key-popularity");
                    reply.array(2);
                    reply.bulk("key:123");
                    reply.integer(90);
                }
                reply.bulk("Some real reply following the attribute");
            }
            case "push" -> {
                if (reply.protocol() < 3) {
                    throw new CommandException("ERR RESP2 is not supported by this command");
                }
                reply.push(2);
                reply.bulk("server-cpu-usage");
                reply.integer(42);
                reply.bulk("Some real reply following the push reply");
            }
            case "verbatim" -> reply.verbatim("txt", "This is a verbatim\nstring".getBytes(StandardCharsets.US_ASCII));
            case "true" -> reply.bool(true);
            case "false" -> reply.bool(false);
            default -> throw new CommandException("ERR Wrong protocol type name. Please use one of the following: "
                    + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
        }
    }
}
