package dev.cinnabar.api.script;

/**
 * Redis's rules for the error texts scripts raise, the same for every engine.
 *
 * @since 1.3.0
 */
public final class ScriptErrors {

    private ScriptErrors() {
    }

    /**
     * Redis's {@code luaPushErrorBuff}: {@code "-CODE msg"} keeps its code, {@code "-msg"} without a
     * space and {@code "msg"} get {@code ERR}; the message is trimmed of CR/LF at both ends. The
     * result is {@code "CODE msg"}.
     */
    public static String normalise(String text) {
        String code;
        String msg;
        if (!text.isEmpty() && text.charAt(0) == '-') {
            int space = text.indexOf(' ');
            if (space < 0) {
                code = "ERR";
                msg = text.substring(1);
            } else {
                code = text.substring(1, space);
                msg = text.substring(space + 1);
            }
        } else {
            code = "ERR";
            msg = text;
        }
        return code + " " + trimCrLf(msg);
    }

    private static String trimCrLf(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == '\r' || s.charAt(a) == '\n')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == '\r' || s.charAt(b - 1) == '\n')) {
            b--;
        }
        return s.substring(a, b);
    }
}
