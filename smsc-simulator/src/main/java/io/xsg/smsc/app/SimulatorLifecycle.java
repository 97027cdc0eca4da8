package io.xsg.smsc.app;

import io.xsg.smsc.SmscSimulator;
import org.springframework.context.SmartLifecycle;

/** Opens the SMPP port once the context is up and closes it (unbinding every ESME) on shutdown. */
public class SimulatorLifecycle implements SmartLifecycle {
    private final SmscSimulator simulator;

    public SimulatorLifecycle(SmscSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void start() {
        simulator.start();
    }

    @Override
    public void stop() {
        simulator.stop();
    }

    @Override
    public boolean isRunning() {
        return simulator.isRunning();
    }
}
