/**
 * API. Every {@code spark.dqgate.*} key ({@link io.dqgate.spark.config.GateConf}) and the error a
 * wrong configuration or rule file raises ({@link
 * io.dqgate.spark.config.GateConfigurationException}).
 */
package io.dqgate.spark.config;
