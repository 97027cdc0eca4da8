package io.xsg.bridge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * SMS → XMPP as Spring Integration's content-based router: each {@link MoRoute} goes to the handler of its kind on a
 * direct channel, so it runs on the caller's thread inside the caller's transaction (the MO's de-duplication row,
 * the handset's lock and its output commit or roll back together).
 */
@Configuration(proxyBeanMethods = false)
class MobileOriginatedFlow {

    static final String CHANNEL = "sms.mobile-originated";

    @Bean(CHANNEL)
    MessageChannel mobileOriginatedChannel() {
        return new org.springframework.integration.channel.DirectChannel();
    }

    @Bean
    IntegrationFlow mobileOriginatedRouter(MoHandlers handlers) {
        return IntegrationFlow.from(CHANNEL)
                .<MoRoute, MoRoute.Kind>route(MoRoute::kind, kinds -> kinds
                        .subFlowMapping(MoRoute.Kind.COMMAND, f -> f.handle(MoRoute.class, (r, h) -> {
                            handlers.command(r);
                            return null;
                        }))
                        .subFlowMapping(MoRoute.Kind.STRANGER, f -> f.handle(MoRoute.class, (r, h) -> {
                            handlers.stranger(r);
                            return null;
                        }))
                        .subFlowMapping(MoRoute.Kind.CHAT, f -> f.handle(MoRoute.class, (r, h) -> {
                            handlers.chat(r);
                            return null;
                        }))
                        .subFlowMapping(MoRoute.Kind.UNALLOCATED, f -> f.handle(MoRoute.class, (r, h) -> {
                            handlers.unallocated(r);
                            return null;
                        }))
                        .subFlowMapping(MoRoute.Kind.UNKNOWN_DESTINATION, f -> f.handle(MoRoute.class, (r, h) -> {
                            handlers.unknownDestination(r);
                            return null;
                        })))
                .get();
    }
}
