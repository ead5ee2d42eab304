package org.switchboard.telephony;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AgiSettings.class, AmiSettings.class })
class TelephonyConfiguration {

}
