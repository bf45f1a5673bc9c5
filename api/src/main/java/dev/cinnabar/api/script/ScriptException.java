package dev.cinnabar.api.script;

/** A script or library that cannot be compiled or loaded; the message is the reply's error text. */
public final class ScriptException extends Exception {

    private static final long serialVersionUID = 1L;

    public ScriptException(String errorText) {
        super(errorText, null, false, false);
    }

    public String errorText() {
        return getMessage();
    }
}
