{{- define "mep.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-scoped name; the release name alone when it already contains the chart name. */}}
{{- define "mep.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "mep.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mep.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mep.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "mep.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/component: mec-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "mep.usesPostgresql" -}}
{{- if .Values.postgresql.existingSecret }}true{{ end }}
{{- end }}

{{/* The SQLite volume is a PersistentVolumeClaim this chart creates unless one is given. */}}
{{- define "mep.createsClaim" -}}
{{- if and (not (include "mep.usesPostgresql" .)) .Values.persistence.enabled (not .Values.persistence.existingClaim) }}true{{ end }}
{{- end }}

{{- define "mep.scheme" -}}
{{- if .Values.tls.existingSecret }}https{{ else }}http{{ end }}
{{- end }}

{{/* The public base URL: given, else the Ingress host, else the in-cluster Service address. */}}
{{- define "mep.apiRoot" -}}
{{- if .Values.apiRoot }}
{{- .Values.apiRoot | trimSuffix "/" }}
{{- else if .Values.ingress.enabled }}
{{- printf "%s://%s" (ternary "https" "http" (ne .Values.ingress.tlsSecretName "")) .Values.ingress.host }}
{{- else }}
{{- printf "%s://%s.%s.svc:%d" (include "mep.scheme" .) (include "mep.fullname" .) .Release.Namespace (int .Values.service.port) }}
{{- end }}
{{- end }}

{{/* Combinations values.schema.json cannot express, refused with the fix in the message. */}}
{{- define "mep.validate" -}}
{{- if not .Values.auth.existingSecret }}
{{- fail "auth.existingSecret is required: name the Secret holding adminClientId, adminClientSecret and tokenSigningKey" }}
{{- end }}
{{- if and (gt (int .Values.replicaCount) 1) (not (include "mep.usesPostgresql" .)) }}
{{- fail (printf "replicaCount %d needs PostgreSQL: set postgresql.existingSecret (SQLite is one file that only one replica may write)" (int .Values.replicaCount)) }}
{{- end }}
{{- if and .Values.ingress.enabled (not .Values.ingress.host) }}
{{- fail "ingress.host is required when ingress.enabled is true" }}
{{- end }}
{{- if and (.Values.service.nodePort) (eq .Values.service.type "ClusterIP") }}
{{- fail "service.nodePort applies only when service.type is NodePort or LoadBalancer" }}
{{- end }}
{{- if .Values.backup.enabled }}
{{- range $field := list "endpoint" "bucket" "existingSecret" }}
{{- if not (index $.Values.backup.s3 $field) }}
{{- fail (printf "backup.s3.%s is required when backup.enabled is true: %s" $field (get (dict "endpoint" "set the S3 API's base URL, e.g. http://swift.example.net:8080" "bucket" "name the bucket backups go to" "existingSecret" "name the Secret holding the store's access and secret keys") $field)) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Where the MEP's data lives: the PostgreSQL URL from its Secret, or the SQLite file on the data volume. */}}
{{- define "mep.databaseEnv" -}}
{{- if include "mep.usesPostgresql" . }}
- name: MEP_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgresql.existingSecret }}
      key: {{ .Values.postgresql.urlKey }}
{{- else }}
- name: MEP_SQLITE_PATH
  value: /data/mep.db
{{- end }}
{{- end }}

{{/* The SQLite volume (none with PostgreSQL). */}}
{{- define "mep.dataVolume" -}}
{{- if not (include "mep.usesPostgresql" .) }}
- name: data
  {{- if .Values.persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ .Values.persistence.existingClaim | default (include "mep.fullname" .) }}
  {{- else }}
  # No persistence asked for: the data lives as long as the pod.
  emptyDir: {}
  {{- end }}
{{- end }}
{{- end }}

{{- define "mep.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "mep.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "mep.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* The object store the backup and restore Jobs use (MEP_BACKUP_* of mep/README.md). */}}
{{- define "mep.backupEnv" -}}
- name: MEP_BACKUP_S3_ENDPOINT
  value: {{ .Values.backup.s3.endpoint | quote }}
- name: MEP_BACKUP_S3_REGION
  value: {{ .Values.backup.s3.region | quote }}
- name: MEP_BACKUP_S3_BUCKET
  value: {{ .Values.backup.s3.bucket | quote }}
- name: MEP_BACKUP_S3_PREFIX
  value: {{ .Values.backup.s3.prefix | quote }}
- name: MEP_BACKUP_RETENTION
  value: {{ .Values.backup.retention | int64 | quote }}
- name: MEP_BACKUP_S3_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ .Values.backup.s3.existingSecret }}
      key: {{ .Values.backup.s3.accessKeyIdKey }}
- name: MEP_BACKUP_S3_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.backup.s3.existingSecret }}
      key: {{ .Values.backup.s3.secretAccessKeyKey }}
{{- end }}
