package io.xsg.smsc.app;

import io.xsg.smsc.SmscSimulator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

    // no destroy method: SimulatorLifecycle stops it, in phase order
    @Bean(destroyMethod = "")
    SmscSimulator smscSimulator(SmscSimulatorProperties properties) {
        return new SmscSimulator(properties.toSettings());
    }

    @Bean
    SimulatorLifecycle simulatorLifecycle(SmscSimulator simulator) {
        return new SimulatorLifecycle(simulator);
    }
}
