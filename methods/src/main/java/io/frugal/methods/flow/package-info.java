/**
 * Flow models on a two-mode Gaussian mixture (arXiv 2412.07972): the numerical core of the
 * {@code flow} trainer kind.
 *
 * <ul>
 *   <li>{@link io.frugal.methods.flow.TimeSchedule}: τ(t) as knots (uniform, dilated, piecewise), parsed from a config object;
 *       {@link io.frugal.methods.flow.TimeGrid}: the T training times (left ends of T intervals; even or phase-aware density).</li>
 *   <li>{@link io.frugal.methods.flow.GaussianMixture}: the target, its seeded training set and exact Bayes denoiser.</li>
 *   <li>{@code FlowNetworks}, {@code TorchAdam}, {@code FlowTraining}: the T networks, their hand-written batched gradient,
 *       torch.optim.Adam with L2 weight decay, one full-batch step with noise keyed by (seed, step, block).</li>
 *   <li>{@link io.frugal.methods.flow.Sampler}, {@link io.frugal.methods.flow.Field}, {@link io.frugal.methods.flow.SampleStats}:
 *       Euler sampling with the learned or exact field, and p̂, its Wilson interval, the within-mode variance.</li>
 *   <li>{@link io.frugal.methods.flow.FlowTheory}, {@link io.frugal.methods.flow.LearnedParameters}, {@link io.frugal.methods.flow.UTurn}:
 *       theory curves, learned (c, m, ω, b), the U-turn probe and its switch window.</li>
 *   <li>{@link io.frugal.methods.flow.FlowSettings}, {@link io.frugal.methods.flow.FlowTrainer}, {@link io.frugal.methods.flow.FlowListener}:
 *       the entry point (validated settings, train in a directory with checkpoints, result as JSON);
 *       {@link io.frugal.methods.flow.FlowStepTiming}: step timing against bench/peers/flow_train.py.</li>
 * </ul>
 */
package io.frugal.methods.flow;
