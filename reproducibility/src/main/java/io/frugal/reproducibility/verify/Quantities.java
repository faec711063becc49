package io.frugal.reproducibility.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.frugal.analysis.store.RunRecord;
import io.frugal.core.store.RunDirectory;
import io.frugal.core.store.RunStore;
import io.frugal.reproducibility.energy.EnergyFile;
import java.nio.file.Path;

/**
 * A claim's quantity for one done run: a result metric of the run's kind by its key; what every
 * result holds ({@code train_seconds}, {@code eval_seconds}, {@code wall_seconds},
 * {@code evaluations}); {@code evaluation_ratio} (evaluations spent over the plan's baseline
 * evaluations for the run); {@code energy_kwh} and {@code co2_kg} from the run's energy.json; else
 * any numeric field of result.json (dotted for nested ones). NaN where the run has none.
 */
final class Quantities {
    private final RunStore store;

    Quantities(Path out) {
        store = new RunStore(out);
    }

    double of(RunRecord run, String key) {
        var r = run.result();
        switch (key) {
            case "train_seconds": return r.trainSeconds();
            case "eval_seconds": return r.evalSeconds();
            case "wall_seconds": return r.wallSeconds();
            case "evaluations": return r.evaluations();
            case "evaluation_ratio": {
                long base = run.planned().baselineEvaluations();
                return base > 0 ? (double) r.evaluations() / base : Double.NaN;
            }
            case EnergyFile.ENERGY_KWH, EnergyFile.CO2_KG: {
                RunDirectory dir = store.run(run.id());
                return EnergyFile.read(dir).map(e -> e.path(key).asDouble(Double.NaN)).orElse(Double.NaN);
            }
            default:
        }
        double m = r.metric(key);
        if (!Double.isNaN(m)) return m;
        JsonNode node = r.raw();
        for (String part : key.split("\\.")) node = node == null ? null : node.get(part);
        return node != null && node.isNumber() ? node.doubleValue() : Double.NaN;
    }
}
