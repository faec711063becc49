package io.frugal.harness.bench;

import io.frugal.methods.data.DatasetInfo;
import io.frugal.methods.data.Datasets;
import io.frugal.methods.model.HvcSpec;

/** What an HVC throughput measurement trains: a dataset's input shape, network width and batch. */
public record HvcShape(String dataset, double width, int batch) {
    DatasetInfo info() {
        return Datasets.info(dataset);
    }

    HvcSpec spec() {
        return HvcSpec.forDataset(info(), width);
    }

    String inputLabel() {
        DatasetInfo i = info();
        return i.inputChannels() + "x" + i.inputHeight() + "x" + i.inputWidth();
    }
}
