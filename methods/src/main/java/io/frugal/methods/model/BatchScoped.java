package io.frugal.methods.model;

import ai.djl.ndarray.NDArray;

/**
 * Engines create an op's result in the manager of the array the op is called on. A view of a
 * parameter (transpose, reshape) would therefore live as long as the network and pile up, one per
 * batch; moving it to the manager of the batch's data frees it with the batch.
 */
final class BatchScoped {
    private BatchScoped() {}

    static NDArray of(NDArray derivedFromParameter, NDArray batchArray) {
        derivedFromParameter.attach(batchArray.getManager());
        return derivedFromParameter;
    }
}
