package dev.cinnabar.it;

/** Shows raw replies readably in assertion messages. */
public final class Replies {

    private Replies() {
    }

    /** A MONITOR line shown with its timestamp and client address masked, for comparing two servers. */
    public static String monitorLine(byte[] raw) {
        return show(raw).replaceFirst("^\\+\\d+\\.\\d{6} \\[(\\d+) 127\\.0\\.0\\.1:\\d+\\]", "+TIME [$1 ADDR]");
    }

    /** CR and LF shown as \r \n, other control and non-ASCII bytes as \xHH. */
    public static String show(byte[] raw) {
        StringBuilder sb = new StringBuilder();
        for (byte x : raw) {
            int c = x & 0xff;
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 32 || c > 126) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
