package spike;

/** Stands in for GateRejectedException. */
final class SpikeRejected extends RuntimeException {
  SpikeRejected(String message) {
    super(message);
  }
}
