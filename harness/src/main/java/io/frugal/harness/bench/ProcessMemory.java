package io.frugal.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a running process from /proc (Linux): now (VmRSS) and its peak so far (VmHWM). */
record ProcessMemory(long residentBytes, long peakResidentBytes) {
    /** Empty once the process has exited (or where there is no /proc). */
    static java.util.Optional<ProcessMemory> of(long pid) {
        String status;
        try {
            status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        OptionalLong rss = kilobytes(status, "VmRSS:");
        OptionalLong hwm = kilobytes(status, "VmHWM:");
        if (rss.isEmpty() || hwm.isEmpty()) return java.util.Optional.empty(); // a zombie has no memory lines
        return java.util.Optional.of(new ProcessMemory(rss.getAsLong() * 1024, hwm.getAsLong() * 1024));
    }

    static OptionalLong kilobytes(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                String[] f = line.substring(field.length()).strip().split("\\s+");
                return OptionalLong.of(Long.parseLong(f[0]));
            }
        }
        return OptionalLong.empty();
    }
}
