# The local estate, shared by play.sh and teardown.sh (sourced): components in start order, their podman secrets,
# databases on the machine's PostgreSQL and the RabbitMQ virtual host.
COMPONENTS=(monolith catalog-service notifications-service strangler-gateway)
COMPONENTS_STOP_ORDER=(strangler-gateway notifications-service catalog-service monolith)
SECRETS=(ficus-monolith-db ficus-catalog-service-db ficus-notifications-service-db ficus-strangler-gateway-db
  ficus-rabbitmq ficus-gateway-admin ficus-monolith-identity)
DATABASES=(ficus_local_monolith ficus_local_catalog_service ficus_local_notifications_service ficus_local_strangler_gateway)
RABBIT_VHOST=ficus-local
