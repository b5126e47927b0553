{{- define "mecApp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mecApp.fullname" -}}
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

{{- define "mecApp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mecApp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mecApp.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "mecApp.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/component: mec-app
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "mecApp.callbackBaseUrl" -}}
{{- if .Values.callbackBaseUrl }}
{{- .Values.callbackBaseUrl | trimSuffix "/" }}
{{- else }}
{{- printf "http://%s.%s.svc:%d" (include "mecApp.fullname" .) .Release.Namespace (int .Values.service.port) }}
{{- end }}
{{- end }}
