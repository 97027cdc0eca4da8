{{/* Names, labels and the pieces every pod shares. */}}

{{- define "gw.name" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "gw.labels" -}}
app.kubernetes.io/part-of: xmpp-sms-gateway
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* selector labels of one component: include "gw.selector" (list $ "xmpp-edge") */}}
{{- define "gw.selector" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ index . 1 }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end -}}

{{- define "gw.image" -}}
{{- $root := index . 0 -}}
{{ printf "%s/%s:%s" $root.Values.image.repository (index . 1) $root.Values.image.tag }}
{{- end -}}

{{/* environment every service gets: Kafka, domain, log format */}}
{{- define "gw.commonEnv" -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: XMPP_DOMAIN
  value: {{ .Values.xmppDomain | quote }}
- name: GATEWAY_KAFKA_TOPICS_PARTITIONS
  value: {{ .Values.kafka.partitions | quote }}
- name: GATEWAY_KAFKA_TOPICS_REPLICATION_FACTOR
  value: {{ .Values.kafka.replicationFactor | quote }}
- name: LOGGING_LEVEL_ROOT
  value: {{ .Values.logging.level | quote }}
{{- if .Values.logging.json }}
- name: LOGGING_STRUCTURED_FORMAT_CONSOLE
  value: ecs
{{- end }}
{{- end -}}

{{/* probes on the actuator health groups; the startup probe covers the Kafka and database catch-up */}}
{{- define "gw.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: http}
  periodSeconds: 5
  failureThreshold: 2
{{- end -}}

{{/* writable scratch for a read-only root filesystem */}}
{{- define "gw.scratchMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /app/data
{{- end -}}

{{- define "gw.scratchVolumes" -}}
- name: tmp
  emptyDir: {}
- name: data
  emptyDir: {}
{{- end -}}

{{/* the preStop pause lets Services and load balancers stop sending new connections before the JVM stops */}}
{{- define "gw.lifecycle" -}}
lifecycle:
  preStop:
    exec:
      command: ["sleep", "5"]
{{- end -}}
