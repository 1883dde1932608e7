// FhirNer on Azure: a Function App (Flex Consumption, .NET 10 isolated worker) that enriches
// the DocumentReferences of an Azure Health Data Services FHIR service. Event Grid sends the
// workspace's DocumentReference create, update and delete events to a Storage queue; the app's
// queue trigger processes them and writes the findings back with its managed identity.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json

@description('Short name used to derive resource names (lower-case letters and digits).')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('Azure region of the new resources.')
param location string = resourceGroup().location

@description('Name of the existing Azure Health Data Services workspace.')
param healthWorkspaceName string

@description('Name of the existing FHIR service in that workspace.')
param fhirServiceName string

@description('Resource group of the workspace (default: this one).')
param healthWorkspaceResourceGroup string = resourceGroup().name

@description('Most instances the Function App scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 20

@description('Memory per instance, in MB; the ONNX model wants 2048.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('What to do with the findings of a negated tumour: Omit or WriteRefuted.')
@allowed([
  'Omit'
  'WriteRefuted'
])
param negatedFindings string = 'Omit'

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageName = toLower('${namePrefix}${suffix}')
var eventQueueName = 'fhirner-events'
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'eventgrid-deadletter'
var fhirBaseUrl = 'https://${healthWorkspaceName}-${fhirServiceName}.fhir.azurehealthcareapis.com'

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  fhirDataContributor: '5a1fc7df-4bf1-4951-a576-89034ee01acd'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'fhirner-state'
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deadLetterContainerName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource eventQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: eventQueueName
}

resource poisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: '${eventQueueName}-poison'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    retentionInDays: 30
    sku: {
      name: 'PerGB2018'
    }
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-func-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
        {
          name: 'FhirNer__FhirServer__BaseUrl'
          value: fhirBaseUrl
        }
        {
          name: 'FhirNer__FhirServer__Authentication'
          value: 'ManagedIdentity'
        }
        {
          name: 'FhirNer__Enrichment__NegatedFindings'
          value: negatedFindings
        }
      ]
    }
  }
}

// The app reads and writes its storage (deployment package, queues, checkpoint) with its identity.
resource appStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [
    roles.storageBlobDataOwner
    roles.storageQueueDataContributor
    roles.storageTableDataContributor
  ]: {
    name: guid(storage.id, app.id, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: app.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appInsightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, app.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The FHIR service and its workspace may live in another resource group: a module reaches them there.
module fhirAccess 'modules/fhir-access.bicep' = {
  name: 'fhirner-fhir-access'
  scope: resourceGroup(healthWorkspaceResourceGroup)
  params: {
    healthWorkspaceName: healthWorkspaceName
    fhirServiceName: fhirServiceName
    principalId: app.identity.principalId
    fhirDataContributorRoleId: roles.fhirDataContributor
  }
}

module eventTopic 'modules/fhir-events-topic.bicep' = {
  name: 'fhirner-fhir-events-topic'
  scope: resourceGroup(healthWorkspaceResourceGroup)
  params: {
    healthWorkspaceName: healthWorkspaceName
    location: location
  }
}

// Event Grid's system topic delivers to the queue and dead-letters to the container with its own identity.
resource topicStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [
    roles.storageQueueDataMessageSender
    roles.storageBlobDataContributor
  ]: {
    name: guid(storage.id, healthWorkspaceName, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: eventTopic.outputs.topicPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Created after the topic's identity holds its roles, or Event Grid refuses the destination.
module eventSubscription 'modules/fhir-events-subscription.bicep' = {
  name: 'fhirner-fhir-events-subscription'
  scope: resourceGroup(healthWorkspaceResourceGroup)
  params: {
    topicName: eventTopic.outputs.topicName
    storageAccountId: storage.id
    eventQueueName: eventQueue.name
    deadLetterContainerName: deadLetterContainer.name
  }
  dependsOn: [
    topicStorageRoles
  ]
}

@description('The Function App name, for `func azure functionapp publish` or zip deployment.')
output functionAppName string = app.name

@description('The FHIR base URL the app uses.')
output fhirBaseUrl string = fhirBaseUrl

@description('The storage account holding the event queue, its poison queue and the dead letters.')
output storageAccountName string = storage.name

@description('The state container (the catch-up checkpoint).')
output stateContainerName string = stateContainer.name

@description('The poison queue to watch.')
output poisonQueueName string = poisonQueue.name
