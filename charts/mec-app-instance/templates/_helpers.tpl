{{/* Names of this chart's objects: the release name, short enough for the "-deregister" suffix. */}}
{{- define "mec-app-instance.fullname" -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- end }}

{{- define "mec-app-instance.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mec-app-instance.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "mec-app-instance.selectorLabels" . }}
app.kubernetes.io/component: mec-app-instance
app.kubernetes.io/managed-by: {{ .Release.Service }}
mecaas.io/app-instance-id: {{ .Values.appInstance.id | quote }}
{{- end }}

{{/* The management API body: what values.schema.json checked, with empty optional fields left out. */}}
{{- define "mec-app-instance.body" -}}
{{- $a := .Values.appInstance }}
{{- $body := dict "appName" $a.appName "clientSecret" $a.clientSecret }}
{{- with $a.appProvider }}{{ $_ := set $body "appProvider" . }}{{ end }}
{{- with $a.appDId }}{{ $_ := set $body "appDId" . }}{{ end }}
{{- with $a.requiredServices }}{{ $_ := set $body "requiredServices" . }}{{ end }}
{{- with $a.appDnsRule }}{{ $_ := set $body "appDnsRule" . }}{{ end }}
{{- with $a.appTrafficRule }}{{ $_ := set $body "appTrafficRule" . }}{{ end }}
{{- toJson $body }}
{{- end }}

{{/*
The pod of a registration job. Meets the restricted Pod Security Standard; no service account token (the job
talks to the MEP, never to the Kubernetes API). Argument: (dict "root" $ "script" "register.sh" "request" true);
"request" mounts the request body, which only the registration needs (it holds the app's client secret).
*/}}
{{- define "mec-app-instance.jobPod" -}}
{{- $ := .root -}}
metadata:
  labels:
    {{- include "mec-app-instance.selectorLabels" $ | nindent 4 }}
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  {{- with $.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    runAsNonRoot: true
    runAsUser: {{ $.Values.image.runAsUser }}
    runAsGroup: {{ $.Values.image.runAsUser }}
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: {{ trimSuffix ".sh" .script }}
      image: "{{ $.Values.image.repository }}:{{ $.Values.image.tag }}"
      imagePullPolicy: {{ $.Values.image.pullPolicy }}
      command: ["/bin/sh", "/opt/mecaas/{{ .script }}"]
      env:
        - name: MEP_URL
          value: {{ $.Values.mep.url | quote }}
        - name: APP_INSTANCE_ID
          value: {{ $.Values.appInstance.id | quote }}
        - name: ADMIN_CLIENT_ID
          valueFrom:
            secretKeyRef:
              name: {{ $.Values.mep.adminSecret.name }}
              key: {{ $.Values.mep.adminSecret.clientIdKey }}
        - name: ADMIN_CLIENT_SECRET
          valueFrom:
            secretKeyRef:
              name: {{ $.Values.mep.adminSecret.name }}
              key: {{ $.Values.mep.adminSecret.clientSecretKey }}
        {{- if $.Values.mep.caConfigMap }}
        - name: MEP_CA_FILE
          value: /etc/mecaas/mep-ca/ca.crt
        {{- end }}
      resources:
        {{- toYaml $.Values.resources | nindent 8 }}
      securityContext:
        runAsNonRoot: true
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: ["ALL"]
        seccompProfile:
          type: RuntimeDefault
      volumeMounts:
        - name: scripts
          mountPath: /opt/mecaas
          readOnly: true
        {{- if .request }}
        - name: request
          mountPath: /etc/mecaas/request
          readOnly: true
        {{- end }}
        - name: tmp
          mountPath: /tmp
        {{- if $.Values.mep.caConfigMap }}
        - name: mep-ca
          mountPath: /etc/mecaas/mep-ca
          readOnly: true
        {{- end }}
  volumes:
    - name: scripts
      configMap:
        name: {{ include "mec-app-instance.fullname" $ }}-scripts
    {{- if .request }}
    - name: request
      secret:
        secretName: {{ include "mec-app-instance.fullname" $ }}-request
    {{- end }}
    - name: tmp
      emptyDir:
        sizeLimit: 1Mi
    {{- if $.Values.mep.caConfigMap }}
    - name: mep-ca
      configMap:
        name: {{ $.Values.mep.caConfigMap }}
        items:
          - key: ca.crt
            path: ca.crt
    {{- end }}
  {{- with $.Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $.Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
