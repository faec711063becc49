package io.frugal.harness.flow;

/**
 * The smallest flow-images experiment that still trains for real (seconds on one thread): a
 * manifest's experiment item that needs a classifier run, for the tests of run dependencies
 * (local, SLURM, --retry-failed), which differ in the classifier, not in the flow model.
 */
public final class TinyFlowImages {
    private TinyFlowImages() {}

    /** The item, indented for a manifest's {@code experiments:} list; its images are of the two classes given. */
    public static String experiment(String id, String classifierExperiment, int classA, int classB) {
        return """
                  - id: %s
                    needs: {classifier: %s}
                    trainer: flow-images
                    classes: [%d, %d]
                    proportions: [0.75, 0.25]
                    train_size: 20
                    batch_size: 10
                    epochs: 2
                    denoiser: {channels: [4, 8], time_features: 8}
                    optimizer: {lr: 1.0e-3, warmup_steps: 2}
                    sampler_steps: 4
                    samples: 6
                    uturn: {times: [0.6, 0.3], images: 4}
                """.formatted(id, classifierExperiment, classA, classB);
    }
}
