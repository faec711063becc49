package io.frugal.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.frugal.methods.data.DataUse;
import java.io.PrintWriter;

/**
 * Which dataset folders a training used, and what it passed over on the way (an empty or looping
 * FRUGAL_DATA entry falls through to the next place on the search path): written into
 * provenance.json and said in the run's log, so that nobody mistakes one copy of the data for another.
 * Data declared as the user's own records the files that differ from the published ones.
 */
final class DataProvenance {
    private DataProvenance() {}

    static void add(ObjectNode provenance) {
        ArrayNode data = provenance.putArray("datasets");
        for (DataUse.Load l : DataUse.loads()) {
            ObjectNode d = data.addObject();
            d.put("dataset", l.dataset());
            d.put("folder", l.folder().toAbsolutePath().toString());
            d.put("found_through", l.origin());
            l.passedOver().forEach(d.putArray("passed_over")::add);
            d.put("own_data", DataUse.ownData());
            ArrayNode m = d.putArray("differs_from_published");
            l.mismatches().forEach(m::add);
        }
    }

    static void print(PrintWriter out) {
        for (DataUse.Load l : DataUse.loads()) {
            out.println("frugal train: dataset " + l.dataset() + " from " + l.folder() + " (" + l.origin() + ")");
            for (String p : l.passedOver()) if (p.contains("$FRUGAL_DATA") || p.contains("-Dfrugal.data")) out.println("  passed over " + p);
            if (!l.mismatches().isEmpty()) {
                out.println("  own data (own_data: true): " + l.mismatches().size() + " file(s) differ from the published dataset:");
                l.mismatches().forEach(m -> out.println("    " + m));
            }
        }
        out.flush();
    }
}
