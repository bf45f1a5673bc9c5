/** CL.THROTTLE, a GCRA rate limiter in the manner of redis-cell, as a Cinnabar plugin. */
module com.example.cell {
    requires dev.cinnabar.api;

    provides dev.cinnabar.api.command.CommandFamily with com.example.cell.ThrottleCommands;
}
