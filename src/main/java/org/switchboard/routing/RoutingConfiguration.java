package org.switchboard.routing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RoutingSettings.class, SurveySettings.class })
class RoutingConfiguration {

}
