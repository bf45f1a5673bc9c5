package dev.cinnabar.functions;

/** Redis 7.0.15's error texts for FUNCTION and FCALL ({@code functions.c}, {@code fcall}), in one place. */
final class FunctionErrors {

    private FunctionErrors() {
    }

    static final String MISSING_METADATA = "ERR Missing library metadata";
    static final String INVALID_METADATA = "ERR Invalid library metadata";
    static final String NAME_TWICE = "ERR Invalid metadata value, name argument was given multiple times";
    static final String NO_LIBRARY_NAME = "ERR Library name was not given";
    static final String BAD_NAME = "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long";
    static final String NO_FUNCTIONS = "ERR No functions registered";
    static final String DUPLICATE_IN_LIBRARY = "ERR Function already exists in the library";
    static final String UNKNOWN_FLAG = "ERR unknown flag given";
    static final String LOAD_TIMEOUT = "ERR FUNCTION LOAD timeout";
    static final String LIBRARY_NOT_FOUND = "ERR Library not found";
    static final String FLUSH_OPTION = "ERR FUNCTION FLUSH only supports SYNC|ASYNC option";
    static final String LIBRARY_NAME_MISSING = "ERR library name argument was not given";
    static final String RESTORE_POLICY = "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.";
    static final String PAYLOAD_WRONG = "ERR DUMP payload version or checksum are wrong";
    static final String NOT_A_FUNCTION = "ERR given type is not a function";
    static final String FAILED_PAYLOAD = "ERR Failed loading library payload";
    static final String FAILED_NAME = "ERR Failed loading library name";
    static final String FAILED_ENGINE = "ERR Failed loading engine name";
    static final String FAILED_DESC_INDICATOR = "ERR Failed loading library description indicator";
    static final String FAILED_DESC = "ERR Failed loading library description";
    static final String FAILED_BLOB = "ERR Failed loading library blob";
    static final String NOT_BUSY = "NOTBUSY No scripts in execution right now.";
    static final String FUNCTION_NOT_FOUND = "ERR Function not found";
    static final String BAD_NUMKEYS = "ERR Bad number of keys provided";
    static final String TOO_MANY_KEYS = "ERR Number of keys can't be greater than number of args";
    static final String NEGATIVE_KEYS = "ERR Number of keys can't be negative";
    static final String WRITE_WITH_RO = "ERR Can not execute a script with write flag using *_ro command.";
    static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    static String invalidMetadataValue(String part) {
        return "ERR Invalid metadata value given: " + part;
    }

    static String engineNotFound(String engine) {
        return "ERR Engine '" + engine + "' not found";
    }

    static String libraryExists(String name) {
        return "ERR Library '" + name + "' already exists";
    }

    /** RESTORE APPEND's collision: Redis prints this one without quotes. */
    static String libraryExistsUnquoted(String name) {
        return "ERR Library " + name + " already exists";
    }

    static String functionExists(String name) {
        return "ERR Function " + name + " already exists";
    }

    static String unknownLoadOption(String arg) {
        return "ERR Unknown option given: " + arg;
    }

    static String unknownListArgument(String arg) {
        return "ERR Unknown argument " + arg;
    }

    /** Redis's {@code addReplySubcommandSyntaxError}: the subcommand as typed, at most 128 characters. */
    static String subcommandSyntax(String typed) {
        String s = typed.length() > 128 ? typed.substring(0, 128) : typed;
        return "ERR unknown subcommand or wrong number of arguments for '" + s + "'. Try FUNCTION HELP.";
    }
}
