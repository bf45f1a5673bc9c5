package dev.cinnabar.commands.keys;

import dev.cinnabar.api.command.Arguments;
/** The error texts of the generic key commands that {@link dev.cinnabar.api.command.Errors} does not hold, byte for byte as Redis 7.0.15 sends them. */
final class KeyErrors {

    private KeyErrors() {
    }

    static final String SAME_OBJECT = "ERR source and destination objects are the same";
    static final String EXPIRE_NX_CONFLICT = "ERR NX and XX, GT or LT options at the same time are not compatible";
    static final String EXPIRE_GT_LT_CONFLICT = "ERR GT and LT options at the same time are not compatible";
    static final String INVALID_FIRST_DB = "ERR invalid first DB index";
    static final String INVALID_SECOND_DB = "ERR invalid second DB index";
    static final String LFU_NOT_SELECTED = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
            + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    static final String LFU_SELECTED = "ERR An LFU maxmemory policy is selected, idle time not tracked. "
            + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

    /** {@code getRangeLongFromObjectOrReply}'s text (sic: "must between"). */
    static String outOfRange(long min, long max) {
        return "ERR value is out of range, value must between " + min + " and " + max;
    }

    /** {@code ERR Unsupported option <opt>}: Redis formats the option with {@code %s}, so it ends at a NUL byte. */
    static String unsupportedExpireOption(byte[] option) {
        return "ERR Unsupported option " + Arguments.cString(option);
    }
}
