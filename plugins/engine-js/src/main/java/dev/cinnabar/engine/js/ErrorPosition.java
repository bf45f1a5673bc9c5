package dev.cinnabar.engine.js;

import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.ScriptStackElement;

/** Where in the user's code an error happened: {@code user_script} or {@code user_function} and a line. */
record ErrorPosition(String source, int line) {

    /** The exception's own position, else the innermost script frame of its stack; null when neither is known. */
    static ErrorPosition of(RhinoException e) {
        if (e.sourceName() != null && e.lineNumber() > 0) {
            return new ErrorPosition(e.sourceName(), e.lineNumber());
        }
        ScriptStackElement[] stack = e.getScriptStack();
        if (stack != null) {
            for (ScriptStackElement s : stack) {
                if (s.fileName != null && s.lineNumber > 0) {
                    return new ErrorPosition(s.fileName, s.lineNumber);
                }
            }
        }
        return null;
    }

    /** Redis's suffix for an error that ended a script: {@code  script: <name>, on @user_script:3.} */
    String suffix(String name) {
        return " script: " + name + ", on @" + source + ":" + line + ".";
    }
}
