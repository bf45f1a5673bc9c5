package dev.cinnabar.api.reply;

/**
 * Writes a {@code <CONTAINER> HELP} reply as Redis's {@code addReplyHelp} does: an array of status
 * lines, a fixed first line, the command's own lines (indented ones keep their four spaces), then
 * the {@code HELP} entry every container has. Shared so that every plugin's HELP looks like
 * Redis's.
 */
public final class HelpReply {

    private HelpReply() {
    }

    /** {@code container} as Redis prints it (upper case), then the lines between header and HELP. */
    public static void write(ReplySink reply, String container, String... lines) {
        reply.array(lines.length + 3);
        reply.simple(container + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String l : lines) {
            reply.simple(l);
        }
        reply.simple("HELP");
        reply.simple("    Prints this help.");
    }
}
