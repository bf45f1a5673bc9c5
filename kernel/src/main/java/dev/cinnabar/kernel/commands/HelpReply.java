package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.reply.ReplySink;

/** Redis's {@code addReplyHelp}: the {@code <CMD> HELP} array of status lines. */
final class HelpReply {

    private HelpReply() {
    }

    static void write(ReplySink reply, String command, String... lines) {
        reply.array(lines.length + 3);
        reply.simple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String l : lines) {
            reply.simple(l);
        }
        reply.simple("HELP");
        reply.simple("    Prints this help.");
    }
}
