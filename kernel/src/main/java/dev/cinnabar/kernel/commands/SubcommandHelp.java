package dev.cinnabar.kernel.commands;

import dev.cinnabar.api.reply.ReplySink;

/**
 * Writes a {@code <CONTAINER> HELP} reply as Redis's {@code addReplyHelp} does: an array of status
 * lines, a fixed first line, the command's own lines, then the HELP entry every container has.
 */
final class SubcommandHelp {

    private SubcommandHelp() {
    }

    static void write(ReplySink reply, String container, String... lines) {
        reply.array(lines.length + 3);
        reply.simple(container + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String l : lines) {
            reply.simple(l);
        }
        reply.simple("HELP");
        reply.simple("    Prints this help.");
    }
}
