package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.reply.ReplySink;

import java.util.List;

/**
 * The reply to {@code <CMD> HELP} in Redis's shape ({@code addReplyHelp}): simple strings, a header
 * line, the given lines, then the standard {@code HELP} entry.
 */
final class HelpReply {

    private HelpReply() {
    }

    static void send(ReplySink reply, String command, List<String> lines) {
        reply.array(lines.size() + 3);
        reply.simple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : lines) {
            reply.simple(line);
        }
        reply.simple("HELP");
        reply.simple("    Prints this help.");
    }
}
