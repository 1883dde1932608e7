// The subscription that sends DocumentReference create, update and delete events from the
// workspace's system topic to FhirNer's Storage queue, dead-lettering to a blob container.
// Delivery and dead-lettering use the topic's identity.

@description('The existing system topic.')
param topicName string

@description('Resource id of the storage account holding the queue and the dead-letter container.')
param storageAccountId string

@description('The queue the Function App listens on.')
param eventQueueName string

@description('The blob container for events that could not be delivered.')
param deadLetterContainerName string

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: topicName
}

resource documentEvents 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'fhirner-documentreference'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: storageAccountId
          queueName: eventQueueName
          queueMessageTimeToLiveInSeconds: 604800
        }
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.HealthcareApis.FhirResourceCreated'
        'Microsoft.HealthcareApis.FhirResourceUpdated'
        'Microsoft.HealthcareApis.FhirResourceDeleted'
      ]
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.resourceType'
          values: [
            'DocumentReference'
          ]
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storageAccountId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}
