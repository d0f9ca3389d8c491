include $(sort $(wildcard $(BR2_EXTERNAL_CELLA_PATH)/package/*/*.mk))
