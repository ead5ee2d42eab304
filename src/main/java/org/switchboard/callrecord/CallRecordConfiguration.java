package org.switchboard.callrecord;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Call records, KPIs and meters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallRecordSettings.class)
class CallRecordConfiguration {

}
