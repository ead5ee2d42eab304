package org.switchboard.telephony;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AgiSettings.class, AmiSettings.class })
class TelephonyConfiguration {

	/** Replaces Spring's own multicaster (found by this bean name). */
	@Bean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME)
	static AsteriskEventMulticaster applicationEventMulticaster() {
		return new AsteriskEventMulticaster();
	}

}
